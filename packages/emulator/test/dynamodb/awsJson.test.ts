import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useDynamoDb } from './harness.js';

const env = useDynamoDb();

describe('aws-json 1.0 protocol', () => {
  it('answers JSON with the request id and the CRC32 of the body the SDK verifies', async () => {
    const response = await fetch(env.emulator.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9A-F]+$/);
    expect(Number(response.headers.get('x-amz-crc32'))).toBe(crc32(body));
    expect(JSON.parse(body.toString())).toEqual({ TableNames: [] });
  });

  it('refuses a body that is not a JSON object with SerializationException', async () => {
    expect(await env.raw('ListTables', '{"Limit": ')).toEqual({
      status: 400,
      headers: expect.anything(),
      json: { __type: 'com.amazon.coral.service#SerializationException', Message: 'The request body is not valid JSON.' },
    });
    expect((await env.raw('ListTables', '[1]')).json).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      Message: 'Start of list found where not expected',
    });
    expect((await env.raw('ListTables', '{"Limit": "ten"}')).json).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      Message: 'Unexpected value type in payload',
    });
  });

  it('answers UnknownOperationException for an operation DynamoDB does not have, and an empty body means no input', async () => {
    expect(await env.raw('PutCat', '{}')).toMatchObject({
      status: 400,
      json: {
        __type: 'com.amazon.coral.service#UnknownOperationException',
        message: 'The emulator does not serve the operation "PutCat" named by X-Amz-Target.',
      },
    });
    expect((await env.raw('ListTables', '')).status).toBe(200);
  });

  it('namespaces validation and DynamoDB errors as DynamoDB does', async () => {
    expect((await env.raw('DescribeTable', '{}')).json).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    });
    expect((await env.raw('DescribeTable', '{"TableName":"nope"}')).json).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found: Table: nope not found',
    });
  });

  it('leaves a target of an unknown service to the UnknownOperationException of the listener', async () => {
    const response = await fetch(env.emulator.endpoint, { method: 'POST', headers: { 'x-amz-target': 'Nothing_2020.Do' }, body: '{}' });
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9A-F]+$/);
    expect(Number(response.headers.get('x-amz-crc32'))).toBe(crc32(body));
    expect(JSON.parse(body.toString())).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: 'The emulator does not serve X-Amz-Target "Nothing_2020.Do".',
    });
  });

  it('answers a request that is no aws-json call, not a POST or a body not declared as JSON, with a bare 404 as DynamoDB does', async () => {
    const call = (method: string, contentType?: string) =>
      fetch(env.emulator.endpoint, {
        method,
        headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', ...(contentType ? { 'content-type': contentType } : {}) },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
      });
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await call(method, 'application/x-amz-json-1.0');
      expect([method, response.status, await response.text()]).toEqual([method, 404, '<UnknownOperationException/>\n']);
    }
    expect((await call('HEAD')).status).toBe(404);
    for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const response = await call('POST', contentType);
      expect([contentType, response.status, await response.text()]).toEqual([contentType, 404, '<UnknownOperationException/>\n']);
    }
    for (const contentType of ['application/json', 'application/x-amz-json-1.0; charset=utf-8', 'Application/X-Amz-Json-1.0']) {
      expect([contentType, (await call('POST', contentType)).status]).toEqual([contentType, 200]);
    }
  });
});
