/**
 * Turns the LocalSecondaryIndexes and GlobalSecondaryIndexes of a request into indexes of the
 * model, with CreateTable's (and UpdateTable's) checks of each.
 */
import { ddbErrors } from './errors.js';
import type { KeySchema } from './model/keys.js';
import { SecondaryIndex } from './model/secondaryIndex.js';
import type { AttributeDefinition, BillingMode } from './model/table.js';
import { checkIndexThroughput, checkProjection, resolveKeySchema, type IndexInput } from './schemaChecks.js';

const MAX_LOCAL_INDEXES = 5;
const MAX_GLOBAL_INDEXES = 20;

export function buildLocalIndexes(inputs: IndexInput[], definitions: AttributeDefinition[], table: KeySchema, names: Set<string>): SecondaryIndex[] {
  if (inputs.length === 0) throw ddbErrors.invalidParameter('List of LocalSecondaryIndexes is empty');
  if (!table.range) {
    throw ddbErrors.invalidParameter('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
  }
  const indexes = inputs.map((input) => {
    const schema = resolveKeySchema(input.KeySchema, definitions);
    if (!schema.range) throw ddbErrors.invalidParameter(`Index KeySchema does not have a range key for index: ${input.IndexName}`);
    if (schema.hash.name !== table.hash.name) {
      throw ddbErrors.invalidParameter(
        `Index KeySchema does not have the same leading hash key as table KeySchema for index: ${input.IndexName}. ` +
          `index hash key: ${schema.hash.name}, table hash key: ${table.hash.name}`,
      );
    }
    const projection = checkProjection(input.Projection);
    claimName(names, input.IndexName);
    return new SecondaryIndex(input.IndexName, 'local', schema, projection, table);
  });
  if (indexes.length > MAX_LOCAL_INDEXES) {
    throw ddbErrors.invalidParameter(`Number of LocalSecondaryIndexes exceeds per-table limit of ${MAX_LOCAL_INDEXES}`);
  }
  return indexes;
}

export function buildGlobalIndex(input: IndexInput, definitions: AttributeDefinition[], table: KeySchema, billingMode: BillingMode): SecondaryIndex {
  const schema = resolveKeySchema(input.KeySchema, definitions);
  const projection = checkProjection(input.Projection);
  checkIndexThroughput(input, billingMode);
  const throughput = input.ProvisionedThroughput
    ? { ReadCapacityUnits: input.ProvisionedThroughput.ReadCapacityUnits, WriteCapacityUnits: input.ProvisionedThroughput.WriteCapacityUnits }
    : undefined;
  return new SecondaryIndex(input.IndexName, 'global', schema, projection, table, throughput);
}

export function buildGlobalIndexes(
  inputs: IndexInput[],
  definitions: AttributeDefinition[],
  table: KeySchema,
  billingMode: BillingMode,
  names: Set<string>,
): SecondaryIndex[] {
  if (inputs.length === 0) throw ddbErrors.invalidParameter('List of GlobalSecondaryIndexes is empty');
  const indexes = inputs.map((input) => {
    const index = buildGlobalIndex(input, definitions, table, billingMode);
    claimName(names, input.IndexName);
    return index;
  });
  if (indexes.length > MAX_GLOBAL_INDEXES) {
    throw ddbErrors.invalidParameter(`GlobalSecondaryIndex count exceeds the per-table limit of ${MAX_GLOBAL_INDEXES}`);
  }
  return indexes;
}

function claimName(names: Set<string>, name: string): void {
  if (names.has(name)) throw ddbErrors.invalidParameter(`Duplicate index name: ${name}`);
  names.add(name);
}
