import { defineOperation } from '../operation.js';
import { tableForArn } from '../tagging.js';
import { resourceArn } from '../validation/common.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html (all tags in one page). */
export default defineOperation<{ ResourceArn: string; NextToken?: string }>({
  name: 'ListTagsOfResource',
  input: { ResourceArn: resourceArn, NextToken: { kind: 'string' } },
  handle(input, context) {
    const table = tableForArn(context, input.ResourceArn);
    return { Tags: [...table.tags].map(([Key, Value]) => ({ Key, Value })) };
  },
});
