/**
 * The checks every attribute value and attribute name of an item or key goes through, whichever
 * operation carries it: nesting depth, name lengths, set members and binary encoding.
 */
import { CreateTableCommand, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

async function putRefusal(TableName: string, Item: Record<string, AttributeValue>): Promise<[string, string]> {
  const error = await failure(env.ddb.send(new PutItemCommand({ TableName, Item })));
  expect(error.$metadata.httpStatusCode).toBe(400);
  return [error.name, error.message];
}

async function roundTrip(TableName: string, Item: Record<string, AttributeValue>): Promise<Record<string, AttributeValue> | undefined> {
  await env.ddb.send(new PutItemCommand({ TableName, Item }));
  return (await env.ddb.send(new GetItemCommand({ TableName, Key: { id: Item.id! } }))).Item;
}

/** A value `levels` maps deep: the attribute itself is level 1, so its leaf is at level `levels + 1`. */
function nested(levels: number, wrap: (inner: AttributeValue) => AttributeValue = (inner) => ({ M: { n: inner } })): AttributeValue {
  let value: AttributeValue = { S: 'leaf' };
  for (let level = 0; level < levels; level++) value = wrap(value);
  return value;
}

const TOO_DEEP = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

describe('nesting depth', () => {
  it('stores a value whose leaf is at the 32nd level, maps or lists, and refuses one level more', async () => {
    const TableName = await env.table();
    const deepest = { id: { S: 'deep' }, m: nested(31), l: nested(31, (inner) => ({ L: [inner] })) };
    expect(await roundTrip(TableName, deepest)).toEqual(deepest);
    expect(await putRefusal(TableName, { id: { S: 'a' }, m: nested(32) })).toEqual(['ValidationException', TOO_DEEP]);
    expect(await putRefusal(TableName, { id: { S: 'a' }, l: nested(32, (inner) => ({ L: [inner] })) })).toEqual(['ValidationException', TOO_DEEP]);
  });

  it('refuses a key nested too deep in a read, before the key schema is looked at', async () => {
    const TableName = await env.table();
    const error = await failure(env.ddb.send(new GetItemCommand({ TableName, Key: { id: nested(40) } })));
    expect([error.name, error.message]).toEqual(['ValidationException', TOO_DEEP]);
  });
});

describe('attribute names', () => {
  const longest = 'n'.repeat(65535);
  const tooLong = ['ValidationException', '1 validation error detected: Attribute name is too large, must be less than 65536 bytes'];

  it('stores names of up to 65535 bytes, at the top level and as map keys', async () => {
    const TableName = await env.table();
    const Item = { id: { S: 'long' }, [longest]: { S: 'top' }, m: { M: { [longest]: { N: '1' } } } };
    expect(await roundTrip(TableName, Item)).toEqual(Item);
  });

  it('refuses a name of 65536 bytes or more, counted in UTF-8, and an empty name, at any depth', async () => {
    const TableName = await env.table();
    expect(await putRefusal(TableName, { id: { S: 'a' }, [`${longest}n`]: { S: 'x' } })).toEqual(tooLong);
    expect(await putRefusal(TableName, { id: { S: 'a' }, m: { M: { ok: { M: { [`${longest}n`]: { S: 'x' } } } } } })).toEqual(tooLong);
    // 21846 three-byte characters: far fewer characters than the limit, but 65538 bytes.
    expect(await putRefusal(TableName, { id: { S: 'a' }, ['語'.repeat(21846)]: { S: 'x' } })).toEqual(tooLong);
    expect(await putRefusal(TableName, { id: { S: 'a' }, '': { S: 'x' } })).toEqual(['ValidationException', 'Empty attribute name']);
    expect(await putRefusal(TableName, { id: { S: 'a' }, m: { M: { '': { S: 'x' } } } })).toEqual(['ValidationException', 'Empty attribute name']);
  });

  it('allows key attribute names of up to 255 characters and refuses longer ones when the table is created', async () => {
    const name = 'k'.repeat(255);
    const TableName = await env.table({ AttributeDefinitions: [{ AttributeName: name, AttributeType: 'S' }], KeySchema: [{ AttributeName: name, KeyType: 'HASH' }] });
    await env.ddb.send(new PutItemCommand({ TableName, Item: { [name]: { S: 'v' } } }));
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key: { [name]: { S: 'v' } } }))).Item).toEqual({ [name]: { S: 'v' } });
    const longer = `${name}k`;
    const error = await failure(
      env.ddb.send(
        new CreateTableCommand({
          TableName: env.name(),
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: longer, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: longer, KeyType: 'HASH' }],
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(`at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255`);
  });

  it('counts the 255 of a key attribute name in bytes of UTF-8', async () => {
    // 127 two-byte characters and one more byte: 128 characters, 255 bytes.
    const name = `${'é'.repeat(127)}k`;
    const TableName = await env.table({ AttributeDefinitions: [{ AttributeName: name, AttributeType: 'S' }], KeySchema: [{ AttributeName: name, KeyType: 'HASH' }] });
    await env.ddb.send(new PutItemCommand({ TableName, Item: { [name]: { S: 'v' } } }));
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key: { [name]: { S: 'v' } } }))).Item).toEqual({ [name]: { S: 'v' } });
    // 86 three-byte characters: far fewer than 255 characters, but 258 bytes.
    const longer = '語'.repeat(86);
    const error = await failure(
      env.ddb.send(
        new CreateTableCommand({
          TableName: env.name(),
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: longer, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: longer, KeyType: 'HASH' }],
        }),
      ),
    );
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      `2 validation errors detected: Value '${longer}' at 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255; ` +
        `Value '${longer}' at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    ]);
  });

  it('treats names such as __proto__, constructor and toString as ordinary names, keys included', async () => {
    const TableName = await env.table();
    // Raw JSON: in a JavaScript object literal `__proto__` would set the prototype instead.
    const item = '{"id":{"S":"proto"},"__proto__":{"S":"p"},"constructor":{"N":"1"},"m":{"M":{"toString":{"BOOL":true},"__proto__":{"NULL":true}}}}';
    expect((await env.raw('PutItem', `{"TableName":"${TableName}","Item":${item}}`)).status).toBe(200);
    const got = await env.raw('GetItem', JSON.stringify({ TableName, Key: { id: { S: 'proto' } } }));
    expect(got.json).toEqual(JSON.parse(`{"Item":${item}}`));

    const keyedByToString = await env.table({ AttributeDefinitions: [{ AttributeName: 'toString', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'toString', KeyType: 'HASH' }] });
    expect(await putRefusal(keyedByToString, { other: { S: 'x' } })).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: Missing the key toString in the item',
    ]);
  });
});

describe('sets and binary values', () => {
  it('stores sets holding an empty string or an empty binary, and refuses two of them', async () => {
    const TableName = await env.table();
    const Item = { id: { S: 'sets' }, ss: { SS: ['', 'a'] }, bs: { BS: [new Uint8Array(0), new Uint8Array([1])] } };
    expect(await roundTrip(TableName, Item)).toEqual(Item);
    expect((await putRefusal(TableName, { id: { S: 'a' }, ss: { SS: ['', ''] } }))[1]).toBe(
      '1 validation error detected: One or more parameter values were invalid: Input collection [, ] contains duplicates.',
    );
    expect((await putRefusal(TableName, { id: { S: 'a' }, ns: { NS: ['1', 'x'] } }))[1]).toBe('The parameter cannot be converted to a numeric value: x');
  });

  it('refuses binary values that are not canonical base64 with SerializationException', async () => {
    const TableName = await env.table();
    const send = (value: unknown) => env.raw('PutItem', JSON.stringify({ TableName, Item: { id: { S: 'b' }, v: value } }));
    const serialization = (Message: string) => ({ status: 400, json: { __type: 'com.amazon.coral.service#SerializationException', Message } });
    expect(await send({ B: 'abc' })).toMatchObject(
      serialization("'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
    );
    expect(await send({ BS: ['AAAA', 'A*A='] })).toMatchObject(serialization("'A*A=' can not be converted to a Blob: Invalid Base64 character: '*'"));
    expect(await send({ B: 'AB==' })).toMatchObject(serialization("'AB==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"));
    expect((await send({ B: 'AA==' })).status).toBe(200);
  });
});
