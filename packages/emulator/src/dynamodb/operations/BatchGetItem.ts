import type { Item } from '../attributeValue.js';
import { BatchCapacity, DuplicateGuard, checkRequestCount, keyToken, requestItemsShape } from '../batch.js';
import { readUnits, type CapacityRequest } from '../capacity.js';
import { ddbErrors } from '../errors.js';
import { projectItem, type ProjectionInput } from '../expressionSeam.js';
import { checkItem, itemSize } from '../items.js';
import { checkKey } from '../keyChecks.js';
import type { Table } from '../model/table.js';
import { defineOperation } from '../operation.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';

interface KeysAndAttributes extends ProjectionInput {
  Keys: (Record<string, unknown> | null)[];
  ConsistentRead?: boolean;
}

interface BatchGetItemInput {
  RequestItems: Record<string, KeysAndAttributes>;
  ReturnConsumedCapacity?: CapacityRequest;
}

interface TableRead {
  readonly name: string;
  readonly spec: KeysAndAttributes;
  readonly keys: Item[];
}

const MAX_KEYS = 100;
/**
 * The data one call reads. DynamoDB's own example (100 items of 300 KB come back as 52) fits a
 * limit of 16,000,000 bytes counted in whole items, which is what is applied here.
 */
const MAX_READ_BYTES = 16_000_000;

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
 * Every key is checked before anything is read. Keys are read in request order until the next
 * item would take the call past 16 MB; the rest come back in UnprocessedKeys, in the shape of
 * the request. Projection goes through the expression seam, as GetItem's does.
 */
export default defineOperation<BatchGetItemInput>({
  name: 'BatchGetItem',
  input: {
    RequestItems: requestItemsShape({
      kind: 'structure',
      notNull: true,
      members: {
        Keys: { kind: 'list', notNull: true, min: 1, max: MAX_KEYS, member: { kind: 'map', value: { kind: 'attributeValue' } } },
        AttributesToGet: shapes.attributesToGet,
        ConsistentRead: { kind: 'boolean' },
        ProjectionExpression: { kind: 'string' },
        ExpressionAttributeNames: shapes.expressionMembers.ExpressionAttributeNames,
      },
    }),
    ReturnConsumedCapacity: shapes.returnConsumedCapacity,
  },
  handle(input, context) {
    const reads = Object.entries(input.RequestItems).map(([name, spec]) => ({ name, spec, keys: checkKeys(spec) }));
    checkRequestCount(reads.reduce((count, read) => count + read.keys.length, 0), MAX_KEYS, 'BatchGetItem');
    const tables = reads.map((read) => keysMatching(read, requireItemTable(context, read.name)));

    const capacity = new BatchCapacity('Read', input.ReturnConsumedCapacity);
    // Keyed by table names, which may be `__proto__`: no prototype to set by accident.
    const responses: Record<string, Item[]> = Object.create(null);
    const unprocessed: Record<string, KeysAndAttributes> = Object.create(null);
    let budget = MAX_READ_BYTES;
    // Once an item does not fit, every later key waits for the next call, in request order.
    let full = false;
    reads.forEach((read, index) => {
      const table = tables[index]!;
      const found: Item[] = [];
      let processed = 0;
      for (const key of read.keys) {
        const item = table.get(key);
        const size = item ? itemSize(item) : 0;
        full ||= size > budget;
        if (full) break;
        budget -= size;
        processed += 1;
        capacity.add(table, { kind: 'Read', table: readUnits(item, read.spec.ConsistentRead === true), indexes: new Map() });
        if (item) found.push(projectItem(read.spec, item));
      }
      if (processed > 0) responses[read.name] = found;
      if (processed < read.keys.length) unprocessed[read.name] = remainder(read.spec, read.keys.slice(processed));
    });
    return { Responses: responses, UnprocessedKeys: unprocessed, ConsumedCapacity: capacity.report() };
  },
});

/** One table's keys with their values checked, before any table is looked up. */
function checkKeys(spec: KeysAndAttributes): Item[] {
  // Projection errors come first, whether or not any item is found.
  projectItem(spec, Object.create(null) as Item);
  const guard = new DuplicateGuard();
  return spec.Keys.map((raw) => {
    if (raw === null) throw ddbErrors.validation('The list of keys in RequestItems for BatchGetItem may not contain null or empty values');
    const key = checkItem(raw);
    guard.admit(keyToken(key));
    return key;
  });
}

/** The table of `read`, once every key of the read matches its schema. */
function keysMatching(read: TableRead, table: Table): Table {
  for (const key of read.keys) checkKey(key, table);
  return table;
}

/** The unread keys of a table, with the options the request gave them. */
function remainder(spec: KeysAndAttributes, keys: Item[]): KeysAndAttributes {
  return {
    Keys: keys,
    AttributesToGet: spec.AttributesToGet,
    ConsistentRead: spec.ConsistentRead,
    ProjectionExpression: spec.ProjectionExpression,
    ExpressionAttributeNames: spec.ExpressionAttributeNames,
  };
}
