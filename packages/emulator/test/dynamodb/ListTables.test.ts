import { ListTablesCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

describe('ListTables', () => {
  it('lists names in order, a page at a time, through the SDK paginator', async () => {
    for (const TableName of ['charlie', 'alpha', 'bravo', 'delta', 'echo']) await env.table({ TableName });
    const first = await env.ddb.send(new ListTablesCommand({ Limit: 2 }));
    expect(first).toMatchObject({ TableNames: ['alpha', 'bravo'], LastEvaluatedTableName: 'bravo' });
    const next = await env.ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'bravo', Limit: 10 }));
    expect(next.TableNames).toEqual(['charlie', 'delta', 'echo']);
    expect(next.LastEvaluatedTableName).toBeUndefined();
    const names: string[] = [];
    for await (const page of paginateListTables({ client: env.ddb, pageSize: 2 }, {})) names.push(...(page.TableNames ?? []));
    expect(names).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
  });

  it('refuses a Limit outside 1..100', async () => {
    const low = await failure(env.ddb.send(new ListTablesCommand({ Limit: 0 })));
    expect([low.name, low.message]).toEqual([
      'ValidationException',
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ]);
    const high = await failure(env.ddb.send(new ListTablesCommand({ Limit: 101 })));
    expect(high.message).toBe("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
  });
});
