/**
 * Thousands of malformed and hostile DynamoDB requests, generated from a seed and sent over plain
 * HTTP: every one must be refused with a 4xx JSON error that has a `__type` and a message (or
 * with the documented non-JSON answers: Coral's bare 404, S3's XML without X-Amz-Target), never
 * a 5xx, never a hang, never an internal error in the log, and the emulator must keep serving.
 * KUMO_FUZZ_SEED picks another seed to explore with.
 */
import { CreateTableCommand, DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useDynamoDb } from '../dynamodb/harness.js';
import { problemWith, send } from './dynamodb/answers.js';
import { badAttributeValues, badNames, badTableNames, jsonBombs, nulls, tooDeep, wrongTypes } from './dynamodb/contentCases.js';
import { SeededRandom } from './seededRandom.js';
import type { HostileCase } from './dynamodb/hostileCase.js';
import * as protocol from './dynamodb/protocolCases.js';
import { HASH_TABLE, fixtureTables, templates } from './dynamodb/templates.js';

const SEED = Number(process.env.KUMO_FUZZ_SEED ?? 20_250_101);
const TIMEOUT_MS = 15_000;
const CONCURRENCY = 8;

const env = useDynamoDb();
const consoleErrors: unknown[][] = [];
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
  for (const table of fixtureTables) await env.ddb.send(new CreateTableCommand(table));
});

afterAll(() => {
  agent.destroy();
  vi.restoreAllMocks();
});

/** Each category's generator gets its own stream of the seed, so adding one leaves the others as they were. */
const random = new SeededRandom(SEED);
const categories: [string, HostileCase[]][] = [
  ['truncated JSON', protocol.truncatedJson(random.derive('truncated'), 150)],
  ['malformed JSON', protocol.malformedJson(random.derive('malformed'), 100)],
  ['random bytes', protocol.randomBytes(random.derive('bytes'), 100)],
  ['JSON that is not an object', protocol.notObjects(random.derive('not-object'), 100)],
  ['bodies over or near the limits', protocol.hugeBodies()],
  ['unknown targets', protocol.unknownTargets(random.derive('targets'), 150)],
  ['no X-Amz-Target', protocol.missingTargets(random.derive('no-target'), 50)],
  ['content types other than JSON', protocol.wrongContentTypes(random.derive('content-type'), 100)],
  ['methods other than POST', protocol.otherMethods(random.derive('methods'), 100)],
  ['members of the wrong type', wrongTypes(random.derive('types'), 700)],
  ['nulls', nulls(random.derive('nulls'), 200)],
  ['bad attribute values', badAttributeValues(random.derive('values'), 500)],
  ['values nested too deep', tooDeep(random.derive('depth'), 100)],
  ['attribute names too long or empty', badNames(random.derive('names'), 100)],
  ['bad table names', badTableNames(random.derive('tables'), 200)],
  ['JSON nested thousands of levels', jsonBombs(random.derive('bombs'), 50)],
];

async function problemsOf(cases: HostileCase[]): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const kase = cases[next++]!;
      const problem = problemWith(kase, await send(env.emulator.port, agent, kase, TIMEOUT_MS));
      if (problem) problems.push(`${kase.label}: ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return problems;
}

describe('DynamoDB hostile requests', () => {
  it('accepts every template once as it stands, so what is refused below is refused for what was broken', async () => {
    for (const template of templates) {
      const response = await env.raw(template.operation, JSON.stringify(template.body()));
      expect([template.operation, response.status, response.json]).toEqual([template.operation, 200, expect.anything()]);
    }
  });

  it(`sends at least 2,000 hostile requests (seed ${SEED})`, () => {
    expect(categories.reduce((count, [, cases]) => count + cases.length, 0)).toBeGreaterThanOrEqual(2000);
  });

  for (const [name, cases] of categories) {
    it(`refuses ${cases.length} requests: ${name}`, async () => {
      expect(await problemsOf(cases)).toEqual([]);
    });
  }

  it('still serves the SDK, the fixture unharmed, and logged no internal error', async () => {
    expect(consoleErrors).toEqual([]);
    await env.ddb.send(new PutItemCommand({ TableName: HASH_TABLE, Item: { id: { S: 'after' }, v: { N: '1' } } }));
    const { Item } = await env.ddb.send(new GetItemCommand({ TableName: HASH_TABLE, Key: { id: { S: 'after' } } }));
    expect(Item).toEqual({ id: { S: 'after' }, v: { N: '1' } });
    const { Table } = await env.ddb.send(new DescribeTableCommand({ TableName: HASH_TABLE }));
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
  });
});

