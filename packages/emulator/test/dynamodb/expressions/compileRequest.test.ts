import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  compileRequest,
  evaluateCondition,
  projectItem,
  resolveKeyQuery,
  type ExpressionOperation,
  type ExpressionParameters,
} from '../../../src/dynamodb/expressions/index.js';
import { N, refusal, S } from './support.js';

describe('mixing expressions and legacy parameters', () => {
  it.each<[ExpressionOperation, ExpressionParameters, string]>([
    ['UpdateItem', { Expected: {}, AttributeUpdates: {}, ConditionExpression: '', UpdateExpression: '' }, '{AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}'],
    ['UpdateItem', { AttributeUpdates: {}, ConditionExpression: 'a = :v' }, '{AttributeUpdates} Expression parameters: {ConditionExpression}'],
    ['PutItem', { Expected: {}, ConditionExpression: 'a = :v' }, '{Expected} Expression parameters: {ConditionExpression}'],
    ['DeleteItem', { Expected: {}, ConditionExpression: 'a = :v' }, '{Expected} Expression parameters: {ConditionExpression}'],
    ['GetItem', { AttributesToGet: ['a'], ProjectionExpression: 'a' }, '{AttributesToGet} Expression parameters: {ProjectionExpression}'],
    ['BatchGetItem', { AttributesToGet: ['a'], ProjectionExpression: 'a' }, '{AttributesToGet} Expression parameters: {ProjectionExpression}'],
    ['Scan', { ScanFilter: {}, ConditionalOperator: 'OR', AttributesToGet: ['a'], FilterExpression: 'a = :v', ProjectionExpression: 'a' }, '{AttributesToGet, ScanFilter, ConditionalOperator} Expression parameters: {ProjectionExpression, FilterExpression}'],
    ['Query', { KeyConditions: {}, QueryFilter: {}, KeyConditionExpression: 'a = :v' }, '{QueryFilter, KeyConditions} Expression parameters: {KeyConditionExpression}'],
    ['Query', { KeyConditions: {}, ConditionalOperator: 'AND', FilterExpression: 'a = :v' }, '{ConditionalOperator} Expression parameters: {FilterExpression}'],
  ])('%s with %j', (operation, request, parameters) => {
    expect(refusal(() => compileRequest(operation, request))).toBe(
      `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: ${parameters}`,
    );
  });

  it('lets a Query combine KeyConditions with a FilterExpression or ProjectionExpression', () => {
    const compiled = compileRequest('Query', {
      KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] } },
      FilterExpression: 'a = :v',
      ProjectionExpression: 'a, b',
      ExpressionAttributeValues: { ':v': N(1) },
    });
    expect(compiled.keyConditions).toEqual([{ attribute: 'pk', operator: 'EQ', values: [S('p')] }]);
    expect(compiled.projection).toEqual({ paths: [['a'], ['b']] });
  });

  it.each<[ExpressionOperation, ExpressionParameters, string]>([
    ['PutItem', { ExpressionAttributeNames: {} }, 'ExpressionAttributeNames can only be specified when using expressions'],
    ['GetItem', { ExpressionAttributeNames: { '#a': 'a' } }, 'ExpressionAttributeNames can only be specified when using expressions'],
    ['UpdateItem', { Expected: {}, ExpressionAttributeValues: {} }, 'ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null'],
    ['PutItem', { ExpressionAttributeValues: { ':v': N(1) } }, 'ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null'],
    ['Scan', { ProjectionExpression: 'a', ExpressionAttributeValues: { ':v': N(1) } }, 'ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null'],
    ['Query', { KeyConditions: {}, ProjectionExpression: 'a', ExpressionAttributeValues: { ':v': N(1) } }, 'ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null'],
  ])('%s with %j', (operation, request, message) => {
    expect(refusal(() => compileRequest(operation, request))).toBe(message);
  });

  it('requires a key condition for a Query', () => {
    expect(refusal(() => compileRequest('Query', { FilterExpression: 'a = :v', ExpressionAttributeValues: { ':v': N(1) } }))).toBe(
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
    );
  });

  it('lets transaction items carry names and values without expressions', () => {
    expect(compileRequest('TransactWriteItems', { ExpressionAttributeNames: { '#a': 'a' }, ExpressionAttributeValues: { ':v': N(1) } })).toEqual({});
    expect(refusal(() => compileRequest('TransactWriteItems', { ConditionExpression: 'a = :v', ExpressionAttributeNames: { '#a': 'a' }, ExpressionAttributeValues: { ':v': N(1) } }))).toBe(
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}',
    );
  });
});

describe('compiling a request', () => {
  it('compiles every expression of an UpdateItem, sharing the placeholders', () => {
    const compiled = compileRequest('UpdateItem', {
      UpdateExpression: 'SET #n = #n + :one',
      ConditionExpression: 'attribute_exists(#n) AND #n < :max',
      ExpressionAttributeNames: { '#n': 'count' },
      ExpressionAttributeValues: { ':one': N(1), ':max': N(10) },
    });
    const old = { pk: S('k'), count: N(4) };
    expect(evaluateCondition(compiled.condition!, old)).toBe(true);
    const { item, updatedPaths } = applyUpdate(compiled.update!, old);
    expect(item).toEqual({ pk: S('k'), count: N(5) });
    expect(projectItem(item, updatedPaths)).toEqual({ count: N(5) });
  });

  it('compiles a Query into key conditions, filter and projection', () => {
    const compiled = compileRequest('Query', {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :prefix)',
      FilterExpression: 'qty > :zero',
      ProjectionExpression: 'sk, qty',
      ExpressionAttributeValues: { ':p': S('p'), ':prefix': S('2024-'), ':zero': N(0) },
    });
    expect(resolveKeyQuery(compiled.keyConditions!, { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } })).toEqual({
      partitionKey: { name: 'pk', value: S('p') },
      sortKey: { name: 'sk', operator: 'BEGINS_WITH', values: [S('2024-')] },
    });
    expect(evaluateCondition(compiled.filter!, { qty: N(2) })).toBe(true);
    expect(compiled.projection).toEqual({ paths: [['sk'], ['qty']] });
  });

  it('compiles the legacy parameters to the same forms', () => {
    const compiled = compileRequest('UpdateItem', {
      AttributeUpdates: { count: { Action: 'ADD', Value: N(1) } },
      Expected: { count: { ComparisonOperator: 'LT', AttributeValueList: [N(10)] } },
    });
    expect(evaluateCondition(compiled.condition!, { count: N(4) })).toBe(true);
    expect(applyUpdate(compiled.update!, { count: N(4) }).item).toEqual({ count: N(5) });
    const scan = compileRequest('Scan', {
      ScanFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [N(1)] }, b: { ComparisonOperator: 'NULL' } },
      ConditionalOperator: 'OR',
      AttributesToGet: ['a'],
    });
    expect(evaluateCondition(scan.filter!, { a: N(2) })).toBe(true);
    expect(scan.projection).toEqual({ paths: [['a']] });
  });

  it('returns nothing to do for a request without expressions', () => {
    expect(compileRequest('GetItem', {})).toEqual({});
    expect(compileRequest('PutItem', { Expected: {} })).toEqual({});
  });

  describe('reports problems in the order DynamoDB checks them', () => {
    it.each<[ExpressionOperation, ExpressionParameters, string]>([
      ['UpdateItem', { AttributeUpdates: { a: { Action: 'ADD' } }, Expected: { a: {} } }, 'One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified'],
      ['UpdateItem', { Expected: { a: {} }, ExpressionAttributeValues: undefined }, 'One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a'],
      ['UpdateItem', { UpdateExpression: 'SET a = :v', ExpressionAttributeNames: {}, ExpressionAttributeValues: {} }, 'ExpressionAttributeNames must not be empty'],
      ['UpdateItem', { UpdateExpression: 'SET a = :v', ExpressionAttributeValues: {} }, 'ExpressionAttributeValues must not be empty'],
      ['UpdateItem', { UpdateExpression: '', ConditionExpression: '' }, 'Invalid UpdateExpression: The expression can not be empty;'],
      ['UpdateItem', { UpdateExpression: 'SET a = b', ConditionExpression: '' }, 'Invalid ConditionExpression: The expression can not be empty;'],
      ['UpdateItem', { UpdateExpression: 'SET a = :v', ConditionExpression: 'b = :w', ExpressionAttributeValues: { ':v': N(1) } }, 'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w'],
      ['Scan', { FilterExpression: '', ProjectionExpression: '', ExpressionAttributeValues: { ':0': S('b') } }, 'Invalid FilterExpression: The expression can not be empty;'],
      ['Scan', { FilterExpression: 'a > b', ProjectionExpression: '' }, 'Invalid ProjectionExpression: The expression can not be empty;'],
      ['Query', { KeyConditionExpression: 'pk = :p OR sk = :s', ExpressionAttributeValues: { ':p': S('p'), ':s': S('s'), ':unused': S('u') } }, 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}'],
      ['Query', { KeyConditionExpression: 'pk = :p OR sk = :s', ExpressionAttributeValues: { ':p': S('p'), ':s': S('s') } }, 'Invalid operator used in KeyConditionExpression: OR'],
      ['Query', { KeyConditions: { a: { ComparisonOperator: 'EQ' } } }, 'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator'],
      ['Query', { KeyConditions: {} }, 'Conditions can be of length 1 or 2 only'],
      ['UpdateItem', { UpdateExpression: 'remove a set b = list_append(b, if_not_exists(a, :a))', ConditionExpression: 'a = :b', ExpressionAttributeValues: { ':a': S('a'), ':b': S('a') }, ExpressionAttributeNames: { '#a': 'a', '#b': 'b' } }, 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}'],
      ['UpdateItem', { UpdateExpression: 'remove a', ConditionExpression: 'a = :b', ExpressionAttributeValues: { ':a': S('a'), ':b': S('a'), ':c': S('a') } }, 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :c}'],
    ])('%s with %j', (operation, request, message) => {
      expect(refusal(() => compileRequest(operation, request))).toBe(message);
    });
  });
});
