import { DescribeTableCommand, ListTagsOfResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

async function arnOf(TableName: string): Promise<string> {
  return (await env.ddb.send(new DescribeTableCommand({ TableName }))).Table!.TableArn!;
}

describe('TagResource, UntagResource and ListTagsOfResource', () => {
  it('adds, replaces, lists and removes tags by key', async () => {
    const ResourceArn = await arnOf(await env.table());
    expect((await env.ddb.send(new ListTagsOfResourceCommand({ ResourceArn }))).Tags).toEqual([]);
    await env.ddb.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await env.ddb.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: 'a', Value: 'one' }] }));
    expect((await env.ddb.send(new ListTagsOfResourceCommand({ ResourceArn }))).Tags).toEqual([
      { Key: 'a', Value: 'one' },
      { Key: 'b', Value: '2' },
    ]);
    await env.ddb.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['a', 'not-there'] }));
    expect((await env.ddb.send(new ListTagsOfResourceCommand({ ResourceArn }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('refuses an ARN that names no table, or is not a table ARN', async () => {
    const ResourceArn = 'arn:aws:dynamodb:us-east-1:000000000000:table/missing';
    const missing = await failure(env.ddb.send(new ListTagsOfResourceCommand({ ResourceArn })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', `Requested resource not found: ResourceArn: ${ResourceArn} not found`]);
    const bad = await failure(env.ddb.send(new TagResourceCommand({ ResourceArn: 'not-an-arn', Tags: [{ Key: 'a', Value: 'b' }] })));
    expect([bad.name, bad.message]).toEqual(['ValidationException', 'Invalid TableArn: Invalid ResourceArn provided as input not-an-arn']);
  });

  it('checks tag keys and values and the 50-tag limit', async () => {
    const ResourceArn = await arnOf(await env.table());
    const empty = await failure(env.ddb.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: '', Value: 'v' }] })));
    expect(empty.message).toBe("1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const tags = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
    const tooMany = await failure(env.ddb.send(new TagResourceCommand({ ResourceArn, Tags: tags })));
    expect(tooMany.message).toBe('One or more parameter values were invalid: The number of tags exceeds the limit of 50');
  });
});
