/**
 * The naming rules of S3 buckets, DynamoDB tables and SQS queues, as reasons a user can act on.
 * Each check answers why a full name is refused, or undefined when the service accepts it.
 */

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const BUCKET_FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

export interface NamingRule {
  readonly service: string;
  readonly kind: string;
  readonly maxLength: number;
  /** Why the service refuses `name`, or undefined when it accepts it. */
  problem(name: string): string | undefined;
  /** The closest name the rule would accept, for the error's suggestion. */
  repair(logicalName: string): string;
}

export const bucketRule: NamingRule = {
  service: 'S3',
  kind: 'bucket',
  maxLength: 63,
  problem(name) {
    if (name.length < 3 || name.length > 63) return `bucket names are 3 to 63 characters long (this one has ${name.length})`;
    const bad = /[^a-z0-9.-]/.exec(name);
    if (bad) return `bucket names may contain only lowercase letters, digits, hyphens and dots (found "${bad[0]}")`;
    if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'bucket names must begin and end with a lowercase letter or a digit';
    if (name.includes('..')) return 'bucket names must not contain two dots in a row';
    if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return 'bucket names must not look like an IP address';
    const prefix = BUCKET_FORBIDDEN_PREFIXES.find((reserved) => name.startsWith(reserved));
    if (prefix) return `bucket names must not begin with "${prefix}", which S3 reserves`;
    const suffix = BUCKET_FORBIDDEN_SUFFIXES.find((reserved) => name.endsWith(reserved));
    if (suffix) return `bucket names must not end with "${suffix}", which S3 reserves`;
    return undefined;
  },
  repair: (logicalName) =>
    logicalName
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[.-]+|[.-]+$/g, ''),
};

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
export const tableRule: NamingRule = {
  service: 'DynamoDB',
  kind: 'table',
  maxLength: 255,
  problem(name) {
    if (name.length < 3 || name.length > 255) return `table names are 3 to 255 characters long (this one has ${name.length})`;
    const bad = /[^A-Za-z0-9_.-]/.exec(name);
    if (bad) return `table names may contain only letters, digits, "_", "-" and "." (found "${bad[0]}")`;
    return undefined;
  },
  repair: (logicalName) => logicalName.replace(/[^A-Za-z0-9_.-]+/g, '-'),
};

const FIFO = '.fifo';

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
export const queueRule: NamingRule = {
  service: 'SQS',
  kind: 'queue',
  maxLength: 80,
  problem(name) {
    if (name.length < 1 || name.length > 80) return `queue names are 1 to 80 characters long, ".fifo" included (this one has ${name.length})`;
    const base = name.endsWith(FIFO) ? name.slice(0, -FIFO.length) : name;
    const bad = /[^A-Za-z0-9_-]/.exec(base);
    if (bad) return `queue names may contain only letters, digits, "_" and "-", plus a final ".fifo" for a FIFO queue (found "${bad[0]}")`;
    return undefined;
  },
  repair(logicalName) {
    const fifo = logicalName.endsWith(FIFO);
    const base = fifo ? logicalName.slice(0, -FIFO.length) : logicalName;
    return base.replace(/[^A-Za-z0-9_-]+/g, '-') + (fifo ? FIFO : '');
  },
};
