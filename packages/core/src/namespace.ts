/**
 * A namespace: the prefix that keeps one file's (or one test's) buckets, tables and queues apart
 * from every other's on a shared emulator. Its id is a hash of the scope key, the seed and a
 * salt, so the same file gets the same names on every run and machine, and two files never
 * share one. Cleanup, leak checks and the emulator's call log find a namespace's resources by
 * the `${id}-` prefix every name starts with.
 */
import { createHash } from 'node:crypto';
import { KumoError } from './errors.js';
import { bucketRule, queueRule, tableRule, type NamingRule } from './resourceNames.js';

export interface Namespace {
  /** 'kt' and 10 lowercase base-36 characters. */
  readonly id: string;
  /** `${id}-${name}`, a valid S3 bucket name, or a KumoError saying why it cannot be one. */
  bucket(name: string): string;
  /** `${id}-${name}`, a valid DynamoDB table name. */
  table(name: string): string;
  /** `${id}-${name}`, a valid SQS queue name; a `.fifo` suffix stays at the end. */
  queue(name: string): string;
}

export interface NamespaceInput {
  /** The file path relative to the project root, plus ' > ' and the full test name for a per-test namespace. */
  scopeKey: string;
  seed: string;
  /** Set when namespaces must differ between runs (an emulator shared by runs or shards). */
  salt?: string;
}

const ID_DIGITS = 10;
const ID_SPACE = 36n ** BigInt(ID_DIGITS);

export function createNamespace(input: NamespaceInput): Namespace {
  const id = namespaceId(input);
  const name = (rule: NamingRule, method: string) => (logicalName: string) => resourceName(id, rule, method, logicalName);
  return { id, bucket: name(bucketRule, 'bucket'), table: name(tableRule, 'table'), queue: name(queueRule, 'queue') };
}

function namespaceId({ scopeKey, seed, salt = '' }: NamespaceInput): string {
  // JSON keeps the three parts apart: ('a', 'bc') and ('ab', 'c') hash differently.
  const digest = createHash('sha256').update(JSON.stringify([scopeKey, seed, salt])).digest();
  const number = digest.readBigUInt64BE(0) % ID_SPACE;
  return `kt${number.toString(36).padStart(ID_DIGITS, '0')}`;
}

function resourceName(id: string, rule: NamingRule, method: string, logicalName: string): string {
  const call = `ns.${method}(${JSON.stringify(logicalName)})`;
  if (typeof logicalName !== 'string' || logicalName === '') {
    throw new KumoError(`${call}: a ${rule.kind} needs a logical name, a non-empty string such as ns.${method}("orders").`);
  }
  const full = `${id}-${logicalName}`;
  const problem = rule.problem(full);
  if (problem === undefined) return full;
  const room = rule.maxLength - id.length - 1;
  const repaired = rule.repair(logicalName);
  const fix =
    repaired !== '' && repaired !== logicalName && rule.problem(`${id}-${repaired}`) === undefined
      ? `Use ns.${method}(${JSON.stringify(repaired)}) instead.`
      : `Choose another logical name (at most ${room} characters: the namespace prefix "${id}-" takes the rest).`;
  throw new KumoError(`${call} would name the ${rule.kind} "${full}", which ${rule.service} refuses: ${problem}. ${fix}`);
}
