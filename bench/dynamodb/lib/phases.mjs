// The benchmarked DynamoDB operations. Each phase prepares what it reads, then runs `count`
// operations, 8 in flight. `client` is a DynamoDBClient; the phases need no scope of their own
// (every server gets the same two tables).
import { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { runPool } from '../../lib/runner.mjs';
import { QUERY_PAGE, SCAN_BELOW, SCAN_ITEMS, SCAN_PAGE, SCAN_TABLE, TABLE, item, pad } from './items.mjs';

/** Distinct items a phase cycles through. */
const KEYS = 1000;
const TRANSACTION_PUTS = 10;

function putItems(client, count, itemAt, tableName = TABLE) {
  return runPool(count, 8, (i) => client.send(new PutItemCommand({ TableName: tableName, Item: itemAt(i) })));
}

function expect(what, actual, expected) {
  if (actual !== expected) throw new Error(`${what}: ${actual}, expected ${expected}`);
}

/** `ops`: operations a run of a single-item phase; `scanOps`: full scans a run. */
export function phases({ ops, scanOps }) {
  return [
    {
      name: 'PutItem',
      count: ops,
      concurrency: 8,
      op: (client, _scope, i) => client.send(new PutItemCommand({ TableName: TABLE, Item: item(`put#${pad(i % KEYS)}`, '0', i) })),
    },
    {
      name: 'GetItem',
      count: ops,
      concurrency: 8,
      setup: (client) => putItems(client, KEYS, (i) => item(`get#${pad(i)}`, '0', i)),
      op: async (client, _scope, i) => {
        const got = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `get#${pad(i % KEYS)}` }, sk: { S: '0' } } }));
        if (!got.Item) throw new Error('GetItem found no item');
      },
    },
    {
      name: `Query (${QUERY_PAGE}-item page)`,
      count: ops,
      concurrency: 8,
      setup: (client) => putItems(client, KEYS, (i) => item(`query#${pad(Math.floor(i / QUERY_PAGE))}`, pad(i % QUERY_PAGE), i)),
      op: async (client, _scope, i) => {
        const page = await client.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: `query#${pad(i % (KEYS / QUERY_PAGE))}` } },
          }),
        );
        expect('Query items', page.Count, QUERY_PAGE);
      },
    },
    {
      // One operation is a whole scan: every page until no LastEvaluatedKey.
      name: `Scan (${SCAN_ITEMS} items, ${SCAN_PAGE} a page, filter keeps half)`,
      count: scanOps,
      concurrency: 8,
      setup: (client) => putItems(client, SCAN_ITEMS, (i) => item(`scan#${pad(i)}`, undefined, i), SCAN_TABLE),
      op: async (client) => {
        let startKey;
        let kept = 0;
        do {
          const page = await client.send(
            new ScanCommand({
              TableName: SCAN_TABLE,
              Limit: SCAN_PAGE,
              FilterExpression: '#n < :below',
              ExpressionAttributeNames: { '#n': 'n' },
              ExpressionAttributeValues: { ':below': { N: String(SCAN_BELOW) } },
              ExclusiveStartKey: startKey,
            }),
          );
          kept += page.Count;
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        expect('Scan items kept', kept, SCAN_BELOW);
      },
    },
    {
      name: 'UpdateItem (ConditionExpression)',
      count: ops,
      concurrency: 8,
      setup: (client) => putItems(client, KEYS, (i) => item(`update#${pad(i)}`, '0', 0)),
      op: (client, _scope, i) =>
        client.send(
          new UpdateItemCommand({
            TableName: TABLE,
            Key: { pk: { S: `update#${pad(i % KEYS)}` }, sk: { S: '0' } },
            UpdateExpression: 'SET #n = #n + :one, payload = :payload',
            ConditionExpression: 'attribute_exists(pk) AND #n >= :zero',
            ExpressionAttributeNames: { '#n': 'n' },
            ExpressionAttributeValues: { ':one': { N: '1' }, ':zero': { N: '0' }, ':payload': { S: `updated ${i}` } },
          }),
        ),
    },
    {
      // Transactions in flight at once touch different items, so none conflicts.
      name: `TransactWriteItems (${TRANSACTION_PUTS} puts)`,
      count: ops,
      concurrency: 8,
      op: (client, _scope, i) =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: Array.from({ length: TRANSACTION_PUTS }, (_, j) => ({ Put: { TableName: TABLE, Item: item(`transaction#${pad(i % (KEYS / TRANSACTION_PUTS))}`, pad(j), i) } })),
          }),
        ),
    },
  ];
}
