/**
 * Requests broken below the operation: bodies that are not JSON or not an object, bodies over
 * the limit, unknown or missing targets, content types that are not JSON, methods other than
 * POST.
 */
import type { SeededRandom } from '../seededRandom.js';
import { JSON_CONTENT_TYPE, TARGET_PREFIX, call, type HostileCase } from './hostileCase.js';
import { NAME_CHARS, NAME_TOO_LARGE, notAnObject, notJsonText } from './hostileValues.js';
import { HASH_TABLE, templates } from './templates.js';

const SERIALIZATION = { kind: 'jsonError', code: 'SerializationException' } as const;
const NOT_A_JSON_CALL = { kind: 'notAJsonCall' } as const;
const SERVED = new Set([...templates.map((template) => template.operation), 'DescribeEndpoints', 'DescribeLimits']);
const withInput = templates.filter((template) => template.required.length > 0);

export function truncatedJson(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(templates);
    const text = JSON.stringify(template.body());
    return call(`truncated #${index} ${template.operation}`, template.operation, text.slice(0, random.int(1, text.length - 1)), SERIALIZATION);
  });
}

export function malformedJson(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => call(`malformed #${index}`, random.pick(templates).operation, notJsonText(random), SERIALIZATION));
}

export function randomBytes(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) =>
    call(`random bytes #${index}`, random.pick(withInput).operation, random.bytes(random.int(1, 300)), { kind: 'jsonError' }),
  );
}

export function notObjects(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => call(`not an object #${index}`, random.pick(templates).operation, notAnObject(random), SERIALIZATION));
}

/** Bodies over DynamoDB's 16 MB, and large bodies refused for their contents. */
export function hugeBodies(): HostileCase[] {
  const limit = 16 * 1024 * 1024;
  const tooLarge = { kind: 'jsonError', code: 'RequestEntityTooLarge', message: `Request size exceeded ${limit} bytes` } as const;
  return [
    call('over 16 MB', 'PutItem', `{"TableName":"${HASH_TABLE}","Item":{"id":{"S":"${'x'.repeat(limit)}"}}}`, tooLarge),
    call('over 16 MB of whitespace', 'ListTables', `{${' '.repeat(limit)}}`, tooLarge),
    call('a 15 MB item', 'PutItem', `{"TableName":"${HASH_TABLE}","Item":{"id":{"S":"a"},"pad":{"S":"${'x'.repeat(15 * 1024 * 1024)}"}}}`, {
      kind: 'jsonError',
      code: 'ValidationException',
      message: 'Item size has exceeded the maximum allowed size',
    }),
    call('a 4 MB attribute name', 'PutItem', `{"TableName":"${HASH_TABLE}","Item":{"id":{"S":"a"},"${'n'.repeat(4 * 1024 * 1024)}":{"S":"x"}}}`, {
      kind: 'jsonError',
      code: 'ValidationException',
      message: NAME_TOO_LARGE,
    }),
    call('a 2 MB table name', 'DescribeTable', `{"TableName":"${'t'.repeat(2 * 1024 * 1024)}"}`, { kind: 'jsonError', code: 'ValidationException' }),
  ];
}

function unknownTarget(random: SeededRandom): string {
  return random.pick([
    () => `${TARGET_PREFIX}.${random.text(random.int(0, 30), NAME_CHARS)}`,
    () => `${TARGET_PREFIX}.${random.pick([...SERVED]).toLowerCase()}`,
    () => `${TARGET_PREFIX}.${random.pick([...SERVED])}.Extra`,
    () => `${TARGET_PREFIX}..${random.pick([...SERVED])}`,
    () => `${random.pick(['DynamoDB_20111205', 'dynamodb_20120810', 'DynamoDBStreams_20120810', 'AmazonSQS', 'DynamoDB', ''])}.${random.pick([...SERVED])}`,
    () => random.pick(['', ' ', '.', 'GetItem', TARGET_PREFIX, `${TARGET_PREFIX} .GetItem`]),
    () => random.text(random.int(1, 8000), 'abcXYZ019._-:/ é'),
  ])();
}

export function unknownTargets(random: SeededRandom, count: number): HostileCase[] {
  const cases: HostileCase[] = [];
  while (cases.length < count) {
    const target = unknownTarget(random);
    const dot = target.indexOf('.');
    if (dot > 0 && target.slice(0, dot) === TARGET_PREFIX && SERVED.has(target.slice(dot + 1))) continue;
    cases.push({
      label: `unknown target ${JSON.stringify(target.slice(0, 60))}`,
      method: 'POST',
      headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': target },
      body: '{}',
      expect: { kind: 'jsonError', code: 'UnknownOperationException' },
    });
  }
  return cases;
}

export function missingTargets(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(templates);
    const headers: Record<string, string> = random.chance(0.7) ? { 'content-type': JSON_CONTENT_TYPE } : {};
    return { label: `no target #${index}`, method: 'POST', headers, body: JSON.stringify(template.body()), expect: { kind: 's3Error' } };
  });
}

export function wrongContentTypes(random: SeededRandom, count: number): HostileCase[] {
  const types = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/x-amz-json-1.1', 'application/jsonx', 'json', '', 'application/x-amz-cbor-1.1', 'application/octet-stream'];
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(templates);
    const kase = call(`content type #${index}`, template.operation, JSON.stringify(template.body()), NOT_A_JSON_CALL);
    const headers: Record<string, string> = { 'x-amz-target': kase.headers['x-amz-target']! };
    if (random.chance(0.9)) headers['content-type'] = random.chance(0.8) ? random.pick(types) : random.text(random.int(1, 40), 'abc/;=- xyz');
    return { ...kase, headers };
  });
}

export function otherMethods(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(templates);
    const method = random.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE']);
    const kase = call(`${method} #${index}`, template.operation, JSON.stringify(template.body()), NOT_A_JSON_CALL);
    return { ...kase, method, ...(['GET', 'HEAD', 'TRACE'].includes(method) ? { body: undefined } : {}) };
  });
}
