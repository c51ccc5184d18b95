import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, createNamespace, KumoError, TEST_CREDENTIALS } from '@kumo-testkit/core';

describe('createNamespace: the id', () => {
  it('is fixed for a given scope key, seed and salt (a change of algorithm renames every resource)', () => {
    expect(createNamespace({ scopeKey: 'test/orders.test.ts', seed: '' }).id).toBe('kttmwgzsfly3');
    expect(createNamespace({ scopeKey: 'test/orders.test.ts > orders > takes an order', seed: '' }).id).toBe('ktzz78beppxq');
    expect(createNamespace({ scopeKey: 'test/orders.test.ts', seed: 'ci', salt: 'run-1' }).id).toBe('kt2q8dx9eydy');
  });

  it('is the same for the same input and differs when any part differs', () => {
    const base = createNamespace({ scopeKey: 'a.test.ts', seed: 's' }).id;
    expect(createNamespace({ scopeKey: 'a.test.ts', seed: 's' }).id).toBe(base);
    expect(createNamespace({ scopeKey: 'a.test.ts', seed: 's', salt: '' }).id).toBe(base);
    expect(createNamespace({ scopeKey: 'b.test.ts', seed: 's' }).id).not.toBe(base);
    expect(createNamespace({ scopeKey: 'a.test.ts', seed: 't' }).id).not.toBe(base);
    expect(createNamespace({ scopeKey: 'a.test.ts', seed: 's', salt: 'x' }).id).not.toBe(base);
    // The parts are kept apart: moving a character from one to the other changes the id.
    expect(createNamespace({ scopeKey: 'a.test.tss', seed: '' }).id).not.toBe(createNamespace({ scopeKey: 'a.test.ts', seed: 's' }).id);
  });

  it('is "kt" and 10 base-36 characters, distinct over many files', () => {
    const ids = new Set<string>();
    for (let file = 0; file < 5000; file++) {
      const { id } = createNamespace({ scopeKey: `test/file-${file}.test.ts`, seed: '' });
      expect(id).toMatch(/^kt[0-9a-z]{10}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(5000);
  });
});

describe('createNamespace: names', () => {
  const ns = createNamespace({ scopeKey: 'test/orders.test.ts', seed: '' });

  it('prefixes every logical name with the id; a .fifo suffix stays at the end', () => {
    expect(ns.bucket('orders')).toBe('kttmwgzsfly3-orders');
    expect(ns.table('Orders')).toBe('kttmwgzsfly3-Orders');
    expect(ns.queue('events')).toBe('kttmwgzsfly3-events');
    expect(ns.queue('events.fifo')).toBe('kttmwgzsfly3-events.fifo');
  });

  it('refuses an uppercase bucket name, spelling out the fix', () => {
    expect(() => ns.bucket('Orders')).toThrow(KumoError);
    expect(() => ns.bucket('Orders')).toThrow(
      'ns.bucket("Orders") would name the bucket "kttmwgzsfly3-Orders", which S3 refuses: bucket names may contain only lowercase letters, digits, hyphens and dots (found "O"). Use ns.bucket("orders") instead.',
    );
    expect(() => ns.bucket('my_orders')).toThrow('Use ns.bucket("my-orders") instead.');
    expect(() => ns.queue('my.events')).toThrow('Use ns.queue("my-events") instead.');
    expect(() => ns.table('orders table')).toThrow('Use ns.table("orders-table") instead.');
  });

  it('refuses names too long for the service, saying how long they may be', () => {
    expect(ns.bucket('a'.repeat(50))).toHaveLength(63);
    expect(() => ns.bucket('a'.repeat(51))).toThrow(
      'ns.bucket("' + 'a'.repeat(51) + '") would name the bucket "kttmwgzsfly3-' + 'a'.repeat(51) +
        '", which S3 refuses: bucket names are 3 to 63 characters long (this one has 64). Choose another logical name (at most 50 characters: the namespace prefix "kttmwgzsfly3-" takes the rest).',
    );
    expect(ns.queue(`${'q'.repeat(62)}.fifo`)).toHaveLength(80);
    expect(() => ns.queue(`${'q'.repeat(63)}.fifo`)).toThrow(/queue names are 1 to 80 characters long/);
    expect(() => ns.table('t'.repeat(243))).toThrow(/table names are 3 to 255 characters long \(this one has 256\)/);
  });

  it('refuses an empty logical name', () => {
    expect(() => ns.table('')).toThrow('ns.table(""): a table needs a logical name, a non-empty string such as ns.table("orders").');
  });

  it('refuses what S3 reserves', () => {
    expect(() => ns.bucket('orders-s3alias')).toThrow(/must not end with "-s3alias", which S3 reserves/);
    expect(() => ns.bucket('a..b')).toThrow(/must not contain two dots in a row/);
    expect(() => ns.bucket('orders-')).toThrow(/must begin and end with a lowercase letter or a digit. Use ns.bucket\("orders"\) instead./);
  });
});

/**
 * Property: over many generated names, the namespace accepts a name exactly when the service
 * does. The emulator (which follows AWS's naming rules) is the judge for S3 and DynamoDB; SQS
 * is not served yet, so its rule is checked against the documented pattern.
 */
describe('createNamespace: names are valid for their service, over many names', () => {
  let emulator: RunningEmulator;
  let s3: S3Client;
  let ddb: DynamoDBClient;
  beforeAll(async () => {
    emulator = await startEmulator();
    const config = clientConfig({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    s3 = new S3Client(config);
    ddb = new DynamoDBClient(config);
  });
  afterAll(async () => {
    s3.destroy();
    ddb.destroy();
    await emulator.stop();
  });

  const ns = createNamespace({ scopeKey: 'property.test.ts', seed: '' });
  const names = generatedNames(300, 20260101);

  async function accepted(create: () => Promise<unknown>): Promise<boolean> {
    try {
      await create();
      return true;
    } catch {
      return false;
    }
  }

  it('buckets', async () => {
    let valid = 0;
    for (const name of names) {
      const full = `${ns.id}-${name}`;
      const byService = await accepted(() => s3.send(new CreateBucketCommand({ Bucket: full })));
      const byNamespace = attempt(() => ns.bucket(name));
      expect(byNamespace, `bucket "${name}"`).toBe(byService ? full : 'refused');
      if (byService) valid++;
    }
    expect(valid).toBeGreaterThan(30);
    expect(names.length - valid).toBeGreaterThan(30);
  });

  it('tables', async () => {
    let valid = 0;
    for (const name of names) {
      const full = `${ns.id}-${name}`;
      const byService = await accepted(() =>
        ddb.send(
          new CreateTableCommand({
            TableName: full,
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        ),
      );
      expect(attempt(() => ns.table(name)), `table "${name}"`).toBe(byService ? full : 'refused');
      if (byService) valid++;
    }
    expect(valid).toBeGreaterThan(30);
    expect(names.length - valid).toBeGreaterThan(30);
  });

  it('queues', () => {
    const sqsName = /^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/;
    for (const name of [...names, 'events.fifo', 'a.fifo.fifo', `${'x'.repeat(62)}.fifo`, 'x'.repeat(67), 'x'.repeat(68)]) {
      const full = `${ns.id}-${name}`;
      expect(attempt(() => ns.queue(name)), `queue "${name}"`).toBe(sqsName.test(full) ? full : 'refused');
    }
  });
});

function attempt(name: () => string): string {
  try {
    return name();
  } catch (error) {
    expect(error).toBeInstanceOf(KumoError);
    return 'refused';
  }
}

/** Names from an alphabet mixing what each service allows and refuses, with a fixed seed. */
function generatedNames(count: number, seed: number): string[] {
  const alphabet = 'abcxyz0189-._ABZ /:é';
  let state = seed;
  const random = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() ** 3 * 70);
    let name = '';
    // Most names draw from the lowercase part only, so that enough of them are valid.
    const span = random() < 0.5 ? 10 : alphabet.length;
    for (let j = 0; j < length; j++) name += alphabet[Math.floor(random() * span)];
    names.push(name);
  }
  return [...new Set(names)];
}
