import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDynamoDb } from './harness.js';

/**
 * One table holding customers and their orders (the single-table design), with a global index
 * of orders by status and date and a sparse one of every order by amount: written through the
 * DocumentClient and read back page by page on each index.
 */
const env = useDynamoDb();
let TableName = '';
const STATUSES = ['PENDING', 'SHIPPED', 'DELIVERED'];
const ORDERS = 330;

interface Order {
  pk: string;
  sk: string;
  status: string;
  byStatus: string;
  byStatusDate: string;
  everyOrder: string;
  amount: number;
}

const orders: Order[] = Array.from({ length: ORDERS }, (_, n) => {
  const status = STATUSES[n % 3]!;
  const day = String(1 + ((n * 7) % 28)).padStart(2, '0');
  return {
    pk: `CUSTOMER#${String(n % 25).padStart(2, '0')}`,
    sk: `ORDER#${String(n).padStart(4, '0')}`,
    status,
    byStatus: `STATUS#${status}`,
    byStatusDate: `2026-02-${day}#${String(n).padStart(4, '0')}`,
    everyOrder: 'ORDERS',
    amount: ((n * 37) % ORDERS) + 0.25,
  };
});

beforeAll(async () => {
  TableName = await env.table({
    AttributeDefinitions: [
      ...['pk', 'sk', 'byStatus', 'byStatusDate', 'everyOrder'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
      { AttributeName: 'amount', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [
      { IndexName: 'GSI1', KeySchema: [{ AttributeName: 'byStatus', KeyType: 'HASH' }, { AttributeName: 'byStatusDate', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'GSI2', KeySchema: [{ AttributeName: 'everyOrder', KeyType: 'HASH' }, { AttributeName: 'amount', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  });
  const customers = Array.from({ length: 25 }, (_, n) => ({ pk: `CUSTOMER#${String(n).padStart(2, '0')}`, sk: 'PROFILE', name: `Customer ${n}` }));
  const items: object[] = [...customers, ...orders];
  for (let start = 0; start < items.length; start += 25) {
    await Promise.all(items.slice(start, start + 25).map((Item) => env.doc.send(new PutCommand({ TableName, Item: Item as Record<string, unknown> }))));
  }
});

async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let pages = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await env.doc.send(new QueryCommand({ ...input, TableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    pages += 1;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, pages };
}

describe('a single-table design with two global indexes', () => {
  it('lists each status on GSI1 in date order, every order exactly once across the pages', async () => {
    const seen: string[] = [];
    for (const status of STATUSES) {
      const { items, pages } = await queryAll({
        IndexName: 'GSI1',
        KeyConditionExpression: 'byStatus = :s',
        ExpressionAttributeValues: { ':s': `STATUS#${status}` },
        Limit: 17,
      });
      const expected = orders.filter((order) => order.status === status).sort((a, b) => (a.byStatusDate < b.byStatusDate ? -1 : 1));
      expect(items).toEqual(expected);
      expect(pages).toBe(Math.floor(expected.length / 17) + 1);
      seen.push(...items.map((item) => `${String(item.pk)}|${String(item.sk)}`));
    }
    expect(new Set(seen).size).toBe(ORDERS);
  });

  it('lists every order on the sparse GSI2 by amount, descending, with only the keys', async () => {
    const { items } = await queryAll({ IndexName: 'GSI2', KeyConditionExpression: 'everyOrder = :all', ExpressionAttributeValues: { ':all': 'ORDERS' }, ScanIndexForward: false, Limit: 40 });
    const expected = [...orders].sort((a, b) => b.amount - a.amount).map(({ pk, sk, everyOrder, amount }) => ({ pk, sk, everyOrder, amount }));
    expect(items).toEqual(expected);
  });

  it('reads one customer and their orders from the table, and a date range of one status', async () => {
    const { items } = await queryAll({ KeyConditionExpression: 'pk = :c', ExpressionAttributeValues: { ':c': 'CUSTOMER#07' }, Limit: 5 });
    expect(items.map((item) => item.sk)).toEqual([...orders.filter((order) => order.pk === 'CUSTOMER#07').map((order) => order.sk), 'PROFILE']);
    const { items: early } = await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'byStatus = :s AND byStatusDate BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':s': 'STATUS#SHIPPED', ':from': '2026-02-01', ':to': '2026-02-03~' },
      Limit: 4,
    });
    expect(early.map((item) => item.sk)).toEqual(
      orders.filter((order) => order.status === 'SHIPPED' && order.byStatusDate < '2026-02-04').sort((a, b) => (a.byStatusDate < b.byStatusDate ? -1 : 1)).map((order) => order.sk),
    );
  });
});
