import type { CapacityRequest } from '../capacity.js';
import { ddbErrors } from '../errors.js';
import { compileExpressions } from '../expressionSeam.js';
import { conditionPaths } from '../expressions/index.js';
import { checkKeyPaths } from '../keyChecks.js';
import { defineOperation } from '../operation.js';
import { Page } from '../readPage.js';
import { checkSelect, checkStartKey, readSource, type Select } from '../readSource.js';
import { scanInto, type Segment } from '../scanOrder.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';

interface ScanInput {
  TableName: string;
  IndexName?: string;
  Select?: Select;
  AttributesToGet?: string[];
  Limit?: number;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: Record<string, unknown>;
  ReturnConsumedCapacity?: CapacityRequest;
  ProjectionExpression?: string;
  Segment?: number;
  TotalSegments?: number;
}

function segmentOf(input: ScanInput): Segment | undefined {
  const { Segment: segment, TotalSegments: totalSegments } = input;
  if (segment === undefined && totalSegments === undefined) return undefined;
  if (totalSegments === undefined) {
    throw ddbErrors.validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (segment === undefined) {
    throw ddbErrors.validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  }
  if (segment >= totalSegments) {
    throw ddbErrors.validation(
      `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${totalSegments}`,
    );
  }
  return { segment, totalSegments };
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
 * Reads the whole table or index in scanOrder.ts's order, one page at a time, or one segment
 * of it for a parallel scan.
 */
export default defineOperation<ScanInput>({
  name: 'Scan',
  input: {
    ...shapes.readMembers,
    ScanFilter: shapes.legacyConditions,
    Segment: { kind: 'long', minValue: 0, maxValue: 999999 },
    TotalSegments: { kind: 'long', minValue: 1, maxValue: 1000000 },
  },
  handle(input, context) {
    const segment = segmentOf(input);
    const compiled = compileExpressions('Scan', input);
    const table = requireItemTable(context, input.TableName);
    const source = readSource(table, input.IndexName, input.ConsistentRead);
    const select = checkSelect(source, input.Select, input);
    if (compiled.projection) checkKeyPaths(compiled.projection.paths, table);
    if (compiled.filter) checkKeyPaths(conditionPaths(compiled.filter), table);
    const start = checkStartKey(input.ExclusiveStartKey, source);
    const page = new Page(source, select, compiled, input);
    scanInto(page, source, segment, start);
    return page.answer();
  },
});
