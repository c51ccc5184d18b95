/** Finds the table a tagging operation's ResourceArn names, with DynamoDB's errors. */
import { ddbErrors } from './errors.js';
import type { Table } from './model/table.js';
import type { DynamoDbContext } from './operation.js';

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}$/;

export function tableForArn(context: DynamoDbContext, arn: string): Table {
  if (!TABLE_ARN.test(arn)) throw ddbErrors.validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  const found = context.state.tableByArn(arn);
  const table = found ? context.state.table(found.name, context.now) : undefined;
  if (!table) throw ddbErrors.resourceArnNotFound(arn);
  return table;
}
