/**
 * The tables a DynamoDB call names, for the call log: `TableName` for single-table operations,
 * every table of `RequestItems` (BatchGetItem, BatchWriteItem) and of `TransactItems`
 * (TransactGetItems, TransactWriteItems). Read from the raw input, before validation, so that a
 * refused call is logged against the tables it named.
 */
const TRANSACT_ACTIONS = ['Get', 'Put', 'Update', 'Delete', 'ConditionCheck'];

export function tablesOf(input: Record<string, unknown>): readonly string[] {
  if (typeof input.TableName === 'string') return [input.TableName];
  if (isObject(input.RequestItems)) return Object.keys(input.RequestItems);
  if (Array.isArray(input.TransactItems)) return transactTables(input.TransactItems);
  return [];
}

function transactTables(items: unknown[]): readonly string[] {
  const tables = new Set<string>();
  for (const item of items) {
    if (!isObject(item)) continue;
    for (const action of TRANSACT_ACTIONS) {
      const request = item[action];
      if (isObject(request) && typeof request.TableName === 'string') tables.add(request.TableName);
    }
  }
  return [...tables];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
