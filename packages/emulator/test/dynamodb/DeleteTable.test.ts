import { DeleteTableCommand, DescribeTableCommand, PutItemCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

describe('DeleteTable', () => {
  it('answers the description with DELETING, and the table is gone', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' } } }));
    const { TableDescription } = await env.ddb.send(new DeleteTableCommand({ TableName }));
    expect(TableDescription).toMatchObject({ TableName, TableStatus: 'DELETING', ItemCount: 1 });
    const gone = await failure(env.ddb.send(new DescribeTableCommand({ TableName })));
    expect(gone.name).toBe('ResourceNotFoundException');
    await env.table({ TableName });
    expect((await env.ddb.send(new DescribeTableCommand({ TableName }))).Table?.ItemCount).toBe(0);
  });

  it('refuses an unknown table and a protected one', async () => {
    const missing = await failure(env.ddb.send(new DeleteTableCommand({ TableName: 'missing' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found: Table: missing not found']);
    const TableName = await env.table({ DeletionProtectionEnabled: true });
    const protectedTable = await failure(env.ddb.send(new DeleteTableCommand({ TableName })));
    expect([protectedTable.name, protectedTable.message]).toEqual([
      'ValidationException',
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    ]);
    await env.ddb.send(new UpdateTableCommand({ TableName, DeletionProtectionEnabled: false }));
    await env.ddb.send(new DeleteTableCommand({ TableName }));
  });
});
