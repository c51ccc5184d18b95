import { defineOperation } from '../operation.js';
import { NAME_PATTERN } from '../validation/common.js';

const DEFAULT_LIMIT = 100;

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html
 * Names in order, after ExclusiveStartTableName; LastEvaluatedTableName when more remain.
 */
export default defineOperation<{ ExclusiveStartTableName?: string; Limit?: number }>({
  name: 'ListTables',
  input: {
    ExclusiveStartTableName: { kind: 'string', pattern: NAME_PATTERN, min: 3, max: 255 },
    Limit: { kind: 'long', minValue: 1, maxValue: 100 },
  },
  handle(input, context) {
    const start = input.ExclusiveStartTableName;
    const names = context.state.names().filter((name) => start === undefined || name > start);
    const page = names.slice(0, input.Limit ?? DEFAULT_LIMIT);
    return {
      TableNames: page,
      LastEvaluatedTableName: page.length < names.length ? page[page.length - 1] : undefined,
    };
  },
});
