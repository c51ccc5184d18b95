/**
 * Finds the table a request names. Control-plane operations name the table in their
 * ResourceNotFoundException; item operations only say "Requested resource not found".
 */
import { ddbErrors } from './errors.js';
import type { Table } from './model/table.js';
import type { DynamoDbContext } from './operation.js';

export function requireTable(context: DynamoDbContext, name: string): Table {
  const table = context.state.table(name, context.now);
  if (!table) throw ddbErrors.tableNotFound(name);
  return table;
}

export function requireItemTable(context: DynamoDbContext, name: string): Table {
  const table = context.state.table(name, context.now);
  if (!table) throw ddbErrors.resourceNotFound();
  return table;
}
