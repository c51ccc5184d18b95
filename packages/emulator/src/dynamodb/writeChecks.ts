/** Checks PutItem and DeleteItem share. */
import { ddbErrors } from './errors.js';

/** PutItem and DeleteItem can only return the old item (or nothing). */
export function checkReturnValues(returnValues: string | undefined): void {
  if (returnValues !== undefined && returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
    throw ddbErrors.validation('ReturnValues can only be ALL_OLD or NONE');
  }
}
