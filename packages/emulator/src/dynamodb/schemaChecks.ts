/**
 * The semantic checks of table and index definitions that follow the shape checks, in
 * DynamoDB's order and words: key schemas against AttributeDefinitions, projections, index
 * names and counts.
 */
import { ddbErrors } from './errors.js';
import type { KeySchema, KeySchemaElement } from './model/keys.js';
import type { Projection, Throughput } from './model/secondaryIndex.js';
import type { AttributeDefinition, BillingMode } from './model/table.js';

export interface IndexInput {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Partial<Projection>;
  ProvisionedThroughput?: Throughput;
}

const MAX_CAPACITY = 1_000_000_000_000;

export function checkThroughputBounds(throughput: Throughput | undefined): void {
  if (!throughput) return;
  for (const member of ['ReadCapacityUnits', 'WriteCapacityUnits'] as const) {
    if (throughput[member] > MAX_CAPACITY) throw ddbErrors.validation(`Given value ${throughput[member]} for ${member} is out of bounds`);
  }
}

/** Checks a key schema and resolves its attributes' types from the definitions. */
export function resolveKeySchema(elements: KeySchemaElement[], definitions: AttributeDefinition[]): KeySchema {
  const names = elements.map((element) => element.AttributeName);
  const defined = definitions.map((definition) => definition.AttributeName);
  if (names.length > defined.length) throw ddbErrors.validation('Invalid KeySchema: Some index key attribute have no definition');
  if (names.some((name) => !defined.includes(name))) {
    throw ddbErrors.invalidParameter(
      `Some index key attributes are not defined in AttributeDefinitions. Keys: [${names.join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`,
    );
  }
  if (names.length === 2 && names[0] === names[1]) {
    throw ddbErrors.validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  if (elements[0]!.KeyType !== 'HASH') throw ddbErrors.validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (elements[1] && elements[1].KeyType !== 'RANGE') {
    throw ddbErrors.validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  }
  const typeOf = (name: string) => definitions.find((definition) => definition.AttributeName === name)!.AttributeType;
  return {
    hash: { name: names[0]!, type: typeOf(names[0]!) },
    range: names[1] === undefined ? undefined : { name: names[1], type: typeOf(names[1]) },
  };
}

export function checkProjection(projection: Partial<Projection>): Projection {
  const type = projection.ProjectionType;
  if (type === undefined) throw ddbErrors.invalidParameter('Unknown ProjectionType: null');
  if (projection.NonKeyAttributes !== undefined && type !== 'INCLUDE') {
    throw ddbErrors.invalidParameter(`ProjectionType is ${type}, but NonKeyAttributes is specified`);
  }
  return projection.NonKeyAttributes ? { ProjectionType: type, NonKeyAttributes: projection.NonKeyAttributes } : { ProjectionType: type };
}

/** A global index's throughput must match the table's billing mode. */
export function checkIndexThroughput(index: IndexInput, billingMode: BillingMode): void {
  if (billingMode === 'PAY_PER_REQUEST' && index.ProvisionedThroughput) {
    throw ddbErrors.invalidParameter(
      `ProvisionedThroughput should not be specified for index: ${index.IndexName} when BillingMode is PAY_PER_REQUEST`,
    );
  }
  if (billingMode === 'PROVISIONED' && !index.ProvisionedThroughput) {
    throw ddbErrors.invalidParameter(`ProvisionedThroughput must be specified for index: ${index.IndexName}`);
  }
  checkThroughputBounds(index.ProvisionedThroughput);
}

/** Every attribute definition must be a key of the table or of an index. */
export function checkDefinitionsUsed(definitions: AttributeDefinition[], schemas: KeySchema[], hasIndexes: boolean): void {
  const used = new Set(schemas.flatMap((schema) => [schema.hash.name, ...(schema.range ? [schema.range.name] : [])]));
  const defined = definitions.map((definition) => definition.AttributeName);
  if (defined.every((name) => used.has(name)) && new Set(defined).size === defined.length) return;
  if (!hasIndexes) {
    throw ddbErrors.invalidParameter(
      'Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
  }
  throw ddbErrors.invalidParameter(
    `Some AttributeDefinitions are not used. AttributeDefinitions: [${defined.join(', ')}], keys used: [${[...used].join(', ')}]`,
  );
}
