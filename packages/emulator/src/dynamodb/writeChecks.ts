/** Checks PutItem and DeleteItem share, and PutItem's item checks, which BatchWriteItem reuses. */
import { ddbErrors } from './errors.js';
import { checkMeasuredItem, type MeasuredItem, type ValueCheckOptions } from './items.js';
import { checkItemSize } from './keyChecks.js';
import { validationMessage } from './validation/shapes.js';

/** PutItem and DeleteItem can only return the old item (or nothing). */
export function checkReturnValues(returnValues: string | undefined): void {
  if (returnValues !== undefined && returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
    throw ddbErrors.validation(validationMessage(['ReturnValues can only be ALL_OLD or NONE']));
  }
}

/**
 * PutItem's checks of an item before its table is looked up: every value, then the size. The
 * key checks follow once the table is known (keyChecks.ts `checkItemKeys`).
 */
export function checkItemToPut(raw: Record<string, unknown>, options: ValueCheckOptions): MeasuredItem {
  const measured = checkMeasuredItem(raw, options);
  checkItemSize(measured.size);
  return measured;
}
