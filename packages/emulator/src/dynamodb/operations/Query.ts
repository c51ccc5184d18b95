import type { CapacityRequest } from '../capacity.js';
import { compileExpressions } from '../expressionSeam.js';
import { ddbErrors } from '../errors.js';
import { checkFilterAvoidsKeys, conditionPaths, matchesSortKey, resolveKeyQuery, type KeyQuery } from '../expressions/index.js';
import { checkKeyPaths } from '../keyChecks.js';
import { keyAttributes, keyToken, type KeySchema } from '../model/keys.js';
import { defineOperation } from '../operation.js';
import { partitionBounds } from '../partitionRange.js';
import { Page } from '../readPage.js';
import { checkSelect, checkStartKey, readSource, type Select, type StartKey } from '../readSource.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';

interface QueryInput {
  TableName: string;
  IndexName?: string;
  Select?: Select;
  AttributesToGet?: string[];
  Limit?: number;
  ConsistentRead?: boolean;
  ScanIndexForward?: boolean;
  ExclusiveStartKey?: Record<string, unknown>;
  ReturnConsumedCapacity?: CapacityRequest;
  ProjectionExpression?: string;
  FilterExpression?: string;
  KeyConditionExpression?: string;
}

/** A page can only resume inside the partition and sort-key range the query reads. */
function checkStartInside(start: StartKey | undefined, query: KeyQuery, schema: KeySchema): void {
  if (!start) return;
  const { hash, range } = schema;
  const samePartition = keyToken(start.key[hash.name]!, hash.type) === keyToken(query.partitionKey.value, hash.type);
  if (!samePartition || (query.sortKey && range && !matchesSortKey(query.sortKey, start.key[range.name]!))) {
    throw ddbErrors.validation('The provided starting key is outside query boundaries based on provided conditions');
  }
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
 * Reads one partition of the table or an index, in sort-key order (reversed when
 * ScanIndexForward is false), only the slice the sort-key condition allows.
 */
export default defineOperation<QueryInput>({
  name: 'Query',
  input: {
    ...shapes.readMembers,
    ScanIndexForward: { kind: 'boolean' },
    KeyConditions: shapes.legacyConditions,
    QueryFilter: shapes.legacyConditions,
    KeyConditionExpression: { kind: 'string' },
  },
  handle(input, context) {
    const compiled = compileExpressions('Query', input);
    const table = requireItemTable(context, input.TableName);
    const source = readSource(table, input.IndexName, input.ConsistentRead);
    const select = checkSelect(source, input.Select, input);
    const { hash, range } = source.schema;
    const keyQuery = resolveKeyQuery(compiled.keyConditions!, { partitionKey: hash, ...(range && { sortKey: range }) });
    if (compiled.projection) checkKeyPaths(compiled.projection.paths, table);
    if (compiled.filter) {
      const keyNames = keyAttributes(source.schema).map((attribute) => attribute.name);
      checkFilterAvoidsKeys(compiled.filter, keyNames, input.FilterExpression != null ? 'Filter Expression' : 'QueryFilter');
      checkKeyPaths(conditionPaths(compiled.filter), table);
    }
    const start = checkStartKey(input.ExclusiveStartKey, source);
    checkStartInside(start, keyQuery, source.schema);
    const partition = source.store.partition(keyQuery.partitionKey.value);
    const position = start && { id: start.id, ...(range && { sort: start.key[range.name] }) };
    const forward = input.ScanIndexForward !== false;
    const { low, high } = partitionBounds(partition, range, keyQuery.sortKey, forward, position);
    const page = new Page(source, select, compiled, input);
    page.addRange(partition, low, high, forward);
    return page.answer();
  },
});
