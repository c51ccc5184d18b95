import { ScanCommand as RawScanCommand, type ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();
let TableName = '';

/** 60 items over 20 partitions of 3; a global index on `kind` holds only the items that have one. */
beforeAll(async () => {
  TableName = await env.table({
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'kind', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [
      { IndexName: 'byKind', KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['n'] } },
    ],
  });
  for (let n = 0; n < 60; n += 1) {
    await env.doc.send(new PutCommand({ TableName, Item: { pk: `p${n % 20}`, sk: Math.floor(n / 20), n, ...(n % 4 === 0 && { kind: n % 8 === 0 ? 'even' : 'odd' }) } }));
  }
});

const scan = (input: Record<string, unknown> = {}) => env.doc.send(new ScanCommand({ TableName, ...input } as never));
const keyOf = (item: Record<string, unknown>) => `${String(item.pk)}/${String(item.sk)}`;

async function scanAll(input: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await scan({ ...input, ExclusiveStartKey });
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

describe('Scan: what it reads', () => {
  it('returns every item once, each partition in sort-key order, and pages to the end', async () => {
    const all = (await scan()).Items!;
    expect(all).toHaveLength(60);
    expect(new Set(all.map(keyOf)).size).toBe(60);
    const p3 = all.filter((item) => item.pk === 'p3').map((item) => item.sk);
    expect(p3).toEqual([0, 1, 2]);
    expect((await scanAll({ Limit: 7 })).map(keyOf)).toEqual(all.map(keyOf));
  });

  it('filters after Limit and projects', async () => {
    const page = await scan({ Limit: 10, FilterExpression: 'n < :ten', ExpressionAttributeValues: { ':ten': 10 }, ProjectionExpression: 'n' });
    expect([page.ScannedCount, page.LastEvaluatedKey !== undefined]).toEqual([10, true]);
    expect(page.Items?.every((item) => Object.keys(item).join() === 'n' && (item.n as number) < 10)).toBe(true);
    const everything = await scanAll({ FilterExpression: 'n < :ten', ExpressionAttributeValues: { ':ten': 10 }, Limit: 9 });
    expect(everything.map((item) => item.n).sort((a, b) => (a as number) - (b as number))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const legacy = await env.ddb.send(new RawScanCommand({ TableName, ScanFilter: { n: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '10' }, { N: '12' }] } }, Select: 'COUNT' }));
    expect([legacy.Items, legacy.Count, legacy.ScannedCount]).toEqual([undefined, 3, 60]);
  });

  it('splits the items among parallel segments, each exactly once, the same way every time', async () => {
    for (const TotalSegments of [1, 3, 7]) {
      const segments = await Promise.all(Array.from({ length: TotalSegments }, (_, Segment) => scanAll({ Segment, TotalSegments, Limit: 4 })));
      const keys = segments.flat().map(keyOf);
      expect(keys).toHaveLength(60);
      expect(new Set(keys).size).toBe(60);
      for (const segment of segments) {
        const partitions = new Set(segment.map((item) => item.pk));
        for (const other of segments) if (other !== segment) expect(other.some((item) => partitions.has(item.pk))).toBe(false);
      }
      const again = await scanAll({ Segment: 0, TotalSegments });
      expect(again.map(keyOf)).toEqual(segments[0]!.map(keyOf));
    }
  });

  it('scans a sparse index, returning what it projects, and pages with its keys and the table keys', async () => {
    const items = await scanAll({ IndexName: 'byKind', Limit: 4 });
    expect(items).toHaveLength(15);
    expect(Object.keys(items[0]!).sort()).toEqual(['kind', 'n', 'pk', 'sk']);
    const first = await scan({ IndexName: 'byKind', Limit: 1 });
    expect(Object.keys(first.LastEvaluatedKey!).sort()).toEqual(['kind', 'pk', 'sk']);
  });

  it('stops a page at 1 MB read', async () => {
    const Big = await env.table();
    for (let n = 0; n < 12; n += 1) await env.doc.send(new PutCommand({ TableName: Big, Item: { id: `i${n}`, blob: 'x'.repeat(100_000) } }));
    const first = await env.doc.send(new ScanCommand({ TableName: Big, Select: 'COUNT' }));
    expect([first.ScannedCount, first.LastEvaluatedKey !== undefined]).toEqual([11, true]);
    const rest = await env.doc.send(new ScanCommand({ TableName: Big, Select: 'COUNT', ExclusiveStartKey: first.LastEvaluatedKey }));
    expect([rest.ScannedCount, rest.LastEvaluatedKey]).toEqual([1, undefined]);
  });
});

describe('Scan: how bad input is refused', () => {
  it('refuses inconsistent segments, Select and index rules', async () => {
    const refusal = async (input: Partial<ScanCommandInput>) => {
      const error = await failure(env.ddb.send(new RawScanCommand({ TableName, ...input })));
      return [error.name, error.message];
    };
    expect(await refusal({ Segment: 1 })).toEqual([
      'ValidationException',
      'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
    ]);
    expect((await refusal({ TotalSegments: 2 }))[1]).toBe('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
    expect((await refusal({ Segment: 2, TotalSegments: 2 }))[1]).toBe(
      'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2',
    );
    expect((await refusal({ IndexName: 'byKind', Select: 'ALL_ATTRIBUTES' }))[1]).toBe(
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byKind because its projection type is not ALL',
    );
    expect((await refusal({ IndexName: 'byKind', ConsistentRead: true }))[1]).toBe('Consistent reads are not supported on global secondary indexes');
    expect((await refusal({ Select: 'ALL_ATTRIBUTES', ProjectionExpression: 'n' }))[1]).toBe('Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES');
    expect((await refusal({ FilterExpression: 'n = :n' }))[1]).toBe(
      'Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :n',
    );
    const scalars = (label: string, name: string) => `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ${label}: ${name}`;
    expect((await refusal({ ProjectionExpression: 'n, sk[1]' }))[1]).toBe(scalars('Key', 'sk'));
    expect((await refusal({ FilterExpression: '#k.x = :v', ExpressionAttributeNames: { '#k': 'kind' }, ExpressionAttributeValues: { ':v': { S: 'a' } } }))[1]).toBe(scalars('IndexKey', 'kind'));
  });
});
