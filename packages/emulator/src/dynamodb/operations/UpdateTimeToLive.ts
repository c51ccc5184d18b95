import { ddbErrors } from '../errors.js';
import { defineOperation } from '../operation.js';
import { requireTable } from '../tables.js';
import { attributeName, tableName } from '../validation/common.js';

interface TimeToLiveSpecification {
  Enabled: boolean;
  AttributeName: string;
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
 * Takes effect at once (DynamoDB spends up to an hour ENABLING); items already in the table
 * are subject to it from then on.
 */
export default defineOperation<{ TableName: string; TimeToLiveSpecification: TimeToLiveSpecification }>({
  name: 'UpdateTimeToLive',
  input: {
    TableName: tableName,
    TimeToLiveSpecification: {
      kind: 'structure',
      notNull: true,
      members: { AttributeName: attributeName, Enabled: { kind: 'boolean', notNull: true } },
    },
  },
  handle(input, context) {
    const table = requireTable(context, input.TableName);
    const spec = input.TimeToLiveSpecification;
    if (spec.Enabled) {
      if (table.timeToLive) throw ddbErrors.validation('TimeToLive is already enabled');
      table.enableTimeToLive(spec.AttributeName);
      table.sweep(context.now);
    } else {
      if (!table.timeToLive) throw ddbErrors.validation('TimeToLive is already disabled');
      table.disableTimeToLive();
    }
    return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
  },
});
