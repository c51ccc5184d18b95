import { QueryCommand as RawQueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();
let TableName = '';

/** Orders: pk customer, sk order number; a KEYS_ONLY global index by status and an ALL local index by amount. */
beforeAll(async () => {
  TableName = await env.table({
    AttributeDefinitions: [
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'order', AttributeType: 'N' },
      { AttributeName: 'status', AttributeType: 'S' },
      { AttributeName: 'amount', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'order', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [
      { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
    LocalSecondaryIndexes: [
      { IndexName: 'byAmount', KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'amount', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  });
  for (let order = 1; order <= 10; order += 1) {
    const status = order % 3 === 0 ? undefined : order % 2 === 0 ? 'open' : 'shipped';
    await env.doc.send(new PutCommand({ TableName, Item: { customer: 'c1', order, amount: 100 - order * 5, note: `n${order}`, ...(status && { status }) } }));
  }
  await env.doc.send(new PutCommand({ TableName, Item: { customer: 'c2', order: 1, amount: 1, status: 'open' } }));
});

const query = (input: Record<string, unknown>) => env.doc.send(new QueryCommand({ TableName, ...input } as never));
const orders = (items: Record<string, unknown>[] | undefined) => items?.map((item) => item.order);
const c1 = { KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': 'c1' } };

describe('Query: key conditions and order', () => {
  it('reads the partition in sort-key order, or reversed', async () => {
    expect(orders((await query(c1)).Items)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(orders((await query({ ...c1, ScanIndexForward: false })).Items)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('bounds the sort key with each operator', async () => {
    const undefinedName = await failure(query({ KeyConditionExpression: 'customer = :c AND #o < :a', ExpressionAttributeValues: { ':c': 'c1', ':a': 3 } }));
    expect(undefinedName.message).toBe('Invalid KeyConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #o');
    const named = (condition: string, values: Record<string, unknown>, forward = true) =>
      query({ KeyConditionExpression: `customer = :c AND ${condition}`, ExpressionAttributeNames: { '#o': 'order' }, ExpressionAttributeValues: { ':c': 'c1', ...values }, ScanIndexForward: forward }).then((out) => orders(out.Items));
    expect(await named('#o BETWEEN :a AND :b', { ':a': 3, ':b': 5 })).toEqual([3, 4, 5]);
    expect(await named('#o < :a', { ':a': 3 })).toEqual([1, 2]);
    expect(await named('#o >= :a', { ':a': 9 }, false)).toEqual([10, 9]);
    expect(await named('#o > :a', { ':a': 9 })).toEqual([10]);
    expect(await named('#o <= :a', { ':a': 1 })).toEqual([1]);
    expect(await named('#o = :a', { ':a': 4 })).toEqual([4]);
  });

  it('matches string sort keys by prefix with begins_with', async () => {
    const Table = await env.table({
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    });
    for (const sk of ['a', 'ORDER#1', 'ORDER#2', 'ORDER$', 'ORDEQ', 'PROFILE']) await env.doc.send(new PutCommand({ TableName: Table, Item: { pk: 'u', sk } }));
    const prefixed = async (ScanIndexForward: boolean) =>
      (await env.doc.send(new QueryCommand({ TableName: Table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'u', ':s': 'ORDER#' }, ScanIndexForward }))).Items?.map((item) => item.sk);
    expect(await prefixed(true)).toEqual(['ORDER#1', 'ORDER#2']);
    expect(await prefixed(false)).toEqual(['ORDER#2', 'ORDER#1']);
  });

  it('accepts the legacy KeyConditions and QueryFilter', async () => {
    const { Items } = await env.ddb.send(
      new RawQueryCommand({
        TableName,
        KeyConditions: { customer: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'c1' }] }, order: { ComparisonOperator: 'LE', AttributeValueList: [{ N: '4' }] } },
        QueryFilter: { status: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'open' }] } },
      }),
    );
    expect(Items?.map((item) => item.order?.N)).toEqual(['2', '4']);
  });
});

describe('Query: filters, limits and pages', () => {
  it('applies the filter after Limit: ScannedCount counts what was read, Count what was kept', async () => {
    const page = await query({ ...c1, Limit: 4, FilterExpression: '#s = :open', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':c': 'c1', ':open': 'open' } });
    expect([orders(page.Items), page.Count, page.ScannedCount, page.LastEvaluatedKey]).toEqual([[2, 4], 2, 4, { customer: 'c1', order: 4 }]);
  });

  it('pages with ExclusiveStartKey to the end, in both directions', async () => {
    for (const ScanIndexForward of [true, false]) {
      const seen: unknown[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await query({ ...c1, Limit: 3, ScanIndexForward, ExclusiveStartKey });
        seen.push(...orders(page.Items)!);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      expect(seen).toEqual(ScanIndexForward ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    }
  });

  it('stops a page at 1 MB of items read', async () => {
    const Big = await env.table({
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    });
    for (let sk = 0; sk < 12; sk += 1) await env.doc.send(new PutCommand({ TableName: Big, Item: { pk: 'p', sk, blob: 'x'.repeat(100_000) } }));
    const first = await env.doc.send(new QueryCommand({ TableName: Big, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'p' }, Select: 'COUNT' }));
    expect([first.Count, first.ScannedCount, first.LastEvaluatedKey]).toEqual([11, 11, { pk: 'p', sk: 10 }]);
    const rest = await env.doc.send(new QueryCommand({ TableName: Big, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'p' }, ExclusiveStartKey: first.LastEvaluatedKey }));
    expect([rest.Count, rest.LastEvaluatedKey]).toEqual([1, undefined]);
  });

  it('reports the read capacity of what was read, on the index it read', async () => {
    const table = await query({ ...c1, ReturnConsumedCapacity: 'TOTAL', ConsistentRead: true });
    expect(table.ConsumedCapacity).toEqual({ TableName, CapacityUnits: 1, ReadCapacityUnits: 1 });
    const index = await query({ IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'open' }, ReturnConsumedCapacity: 'INDEXES' });
    expect(index.ConsumedCapacity).toEqual({
      TableName,
      CapacityUnits: 0.5,
      ReadCapacityUnits: 0.5,
      Table: { CapacityUnits: 0, ReadCapacityUnits: 0 },
      GlobalSecondaryIndexes: { byStatus: { CapacityUnits: 0.5, ReadCapacityUnits: 0.5 } },
    });
  });

  it('projects with ProjectionExpression and counts with Select COUNT', async () => {
    const projected = await query({ ...c1, ProjectionExpression: 'note', Limit: 2 });
    expect(projected.Items).toEqual([{ note: 'n1' }, { note: 'n2' }]);
    const counted = await query({ ...c1, Select: 'COUNT' });
    expect([counted.Items, counted.Count, counted.ScannedCount]).toEqual([undefined, 10, 10]);
  });
});

describe('Query: indexes', () => {
  it('reads a sparse global index and pages with its keys and the table keys', async () => {
    const byStatus = { IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'open' } };
    const all = await query(byStatus);
    expect(all.Items).toHaveLength(5);
    expect(all.Items?.[0]).toEqual({ customer: expect.any(String), order: expect.any(Number), status: 'open' });
    const first = await query({ ...byStatus, Limit: 1 });
    expect(Object.keys(first.LastEvaluatedKey ?? {}).sort()).toEqual(['customer', 'order', 'status']);
    const rest = await query({ ...byStatus, ExclusiveStartKey: first.LastEvaluatedKey });
    expect([...first.Items!, ...rest.Items!]).toEqual(all.Items);
  });

  it('fetches unprojected attributes from the table through a local index', async () => {
    const cheapest = await query({ IndexName: 'byAmount', KeyConditionExpression: 'customer = :c AND amount < :t', ExpressionAttributeValues: { ':c': 'c1', ':t': 60 }, Select: 'ALL_ATTRIBUTES' });
    expect(cheapest.Items?.map((item) => [item.amount, item.note])).toEqual([[50, 'n10'], [55, 'n9']]);
    const projected = await query({ IndexName: 'byAmount', KeyConditionExpression: 'customer = :c AND amount < :t', ExpressionAttributeValues: { ':c': 'c1', ':t': 60 } });
    expect(projected.Items?.[0]).toEqual({ customer: 'c1', order: 10, amount: 50 });
  });

  it('refuses what DynamoDB refuses on indexes and Select', async () => {
    const refusal = async (input: Partial<QueryCommandInput>) => {
      const error = await failure(env.ddb.send(new RawQueryCommand({ TableName, KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } }, ...input })));
      return [error.name, error.message];
    };
    const gsi = { IndexName: 'byStatus', KeyConditionExpression: '#s = :c', ExpressionAttributeNames: { '#s': 'status' } };
    expect(await refusal({ ...gsi, Select: 'ALL_ATTRIBUTES' })).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus because its projection type is not ALL',
    ]);
    expect((await refusal({ ...gsi, ConsistentRead: true }))[1]).toBe('Consistent reads are not supported on global secondary indexes');
    expect((await refusal({ IndexName: 'nope' }))[1]).toBe('The table does not have the specified index: nope');
    expect((await refusal({ Select: 'ALL_PROJECTED_ATTRIBUTES' }))[1]).toBe('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
    expect((await refusal({ Select: 'SPECIFIC_ATTRIBUTES' }))[1]).toBe('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
    expect((await refusal({ Select: 'COUNT', ProjectionExpression: 'note' }))[1]).toBe('Cannot specify the ProjectionExpression when choosing to get only the Count');
    expect((await refusal({ FilterExpression: 'customer = :c' }))[1]).toBe('Filter Expression can only contain non-primary key attributes: Primary key attribute: customer');
    expect((await refusal({ KeyConditionExpression: 'note = :c' }))[1]).toBe('Query condition missed key schema element: customer');
    const scalars = (label: string, name: string) => `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ${label}: ${name}`;
    expect((await refusal({ ProjectionExpression: '#k.x', ExpressionAttributeNames: { '#k': 'customer' } }))[1]).toBe(scalars('Key', 'customer'));
    expect((await refusal({ FilterExpression: '#a[0] = :c', ExpressionAttributeNames: { '#a': 'amount' } }))[1]).toBe(scalars('IndexKey', 'amount'));
    expect((await refusal({ FilterExpression: 'attribute_exists(#s.x)', ExpressionAttributeNames: { '#s': 'status' } }))[1]).toBe(scalars('IndexKey', 'status'));
    expect((await refusal({ ExclusiveStartKey: { customer: { S: 'c1' } } }))[1]).toBe('The provided starting key is invalid: The provided key element does not match the schema');
    const outside = 'The provided starting key is outside query boundaries based on provided conditions';
    expect((await refusal({ ExclusiveStartKey: { customer: { S: 'c2' }, order: { N: '1' } } }))[1]).toBe(outside);
    const below = { KeyConditionExpression: 'customer = :c AND #o > :o', ExpressionAttributeNames: { '#o': 'order' }, ExpressionAttributeValues: { ':c': { S: 'c1' }, ':o': { N: '5' } } };
    expect((await refusal({ ...below, ExclusiveStartKey: { customer: { S: 'c1' }, order: { N: '2' } } }))[1]).toBe(outside);
  });
});
