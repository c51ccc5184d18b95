import { ddbErrors } from '../errors.js';
import { describeTable } from '../model/describe.js';
import { defineOperation } from '../operation.js';
import { requireTable } from '../tables.js';
import { tableName } from '../validation/common.js';

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html
 * Answers the table's last description with status DELETING; the table is gone at once.
 */
export default defineOperation<{ TableName: string }>({
  name: 'DeleteTable',
  input: { TableName: tableName },
  handle(input, context) {
    const table = requireTable(context, input.TableName);
    if (table.settings.deletionProtection) {
      throw ddbErrors.validation('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
    }
    const description = describeTable(table, 'DELETING');
    context.state.remove(table.name);
    return { TableDescription: description };
  },
});
