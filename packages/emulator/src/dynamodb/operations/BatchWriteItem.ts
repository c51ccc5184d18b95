import type { Item } from '../attributeValue.js';
import { BatchCapacity, DuplicateGuard, ItemCollections, checkRequestCount, requestItemsShape } from '../batch.js';
import { writeConsumption, type CapacityRequest } from '../capacity.js';
import { ddbErrors } from '../errors.js';
import { checkItem } from '../items.js';
import { checkItemKeys, checkKey } from '../keyChecks.js';
import { itemIdentity } from '../model/keys.js';
import type { Table } from '../model/table.js';
import { defineOperation } from '../operation.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';
import { checkItemToPut } from '../writeChecks.js';

interface WriteRequest {
  PutRequest?: { Item: Record<string, unknown> };
  DeleteRequest?: { Key: Record<string, unknown> };
}

interface BatchWriteItemInput {
  RequestItems: Record<string, (WriteRequest | null)[]>;
  ReturnConsumedCapacity?: CapacityRequest;
  ReturnItemCollectionMetrics?: string;
}

/** A request with its values checked: an item to put, or the key of an item to delete. */
type Write = { put: Item } | { delete: Item };

const MAX_REQUESTS = 25;

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
 * All or nothing: every request is checked (its values as PutItem checks them, then its table
 * and key) before the first write. The emulator always has the capacity to write everything,
 * so UnprocessedItems is always empty.
 */
export default defineOperation<BatchWriteItemInput>({
  name: 'BatchWriteItem',
  input: {
    ReturnConsumedCapacity: shapes.returnConsumedCapacity,
    ReturnItemCollectionMetrics: shapes.returnItemCollectionMetrics,
    RequestItems: requestItemsShape(
      {
        kind: 'list',
        notNull: true,
        member: {
          kind: 'structure',
          members: {
            DeleteRequest: { kind: 'structure', members: { Key: shapes.attributeMap } },
            PutRequest: { kind: 'structure', members: { Item: shapes.attributeMap } },
          },
        },
      },
      { min: 1, max: MAX_REQUESTS },
    ),
  },
  handle(input, context) {
    const batches = Object.entries(input.RequestItems);
    checkRequestCount(batches.reduce((count, [, requests]) => count + requests.length, 0), MAX_REQUESTS, 'BatchWriteItem');
    const checked = batches.map(([name, requests]) => ({ name, writes: requests.map(checkValues) }));
    const planned = checked.map(({ name, writes }) => ({ table: checkTable(requireItemTable(context, name), writes), writes }));

    const capacity = new BatchCapacity('Write', input.ReturnConsumedCapacity);
    const collections = new ItemCollections(input.ReturnItemCollectionMetrics);
    for (const { table, writes } of planned) {
      for (const write of writes) {
        const result = 'put' in write ? table.put(write.put) : table.delete(write.delete);
        capacity.add(table, writeConsumption(result, 'put' in write ? write.put : undefined));
        collections.add(table, 'put' in write ? write.put : (result.previous ?? write.delete));
      }
    }
    return {
      UnprocessedItems: {},
      ConsumedCapacity: capacity.report(),
      ItemCollectionMetrics: collections.report(),
    };
  },
});

/** A request's values, checked before any table is looked up. */
function checkValues(request: WriteRequest | null): Write {
  const put = request?.PutRequest;
  const remove = request?.DeleteRequest;
  // A request must be exactly one of the two; DynamoDB words this as it does for an AttributeValue.
  if ((put === undefined || put === null) === (remove === undefined || remove === null)) {
    throw ddbErrors.validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  }
  return put ? { put: checkItemToPut(put.Item, {}).item } : { delete: checkItem(remove!.Key) };
}

/** Each request against its table's key schema; two requests on one item are refused. */
function checkTable(table: Table, writes: Write[]): Table {
  const guard = new DuplicateGuard();
  for (const write of writes) {
    if ('put' in write) checkItemKeys(write.put, table, { plainKeyMismatch: true });
    else checkKey(write.delete, table);
    guard.admit(itemIdentity('put' in write ? write.put : write.delete, table.settings.schema));
  }
  return table;
}
