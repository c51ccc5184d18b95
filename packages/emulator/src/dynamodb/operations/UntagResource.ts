import { defineOperation } from '../operation.js';
import { tableForArn } from '../tagging.js';
import { resourceArn } from '../validation/common.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UntagResource.html (keys not present are ignored). */
export default defineOperation<{ ResourceArn: string; TagKeys: string[] }>({
  name: 'UntagResource',
  input: {
    ResourceArn: resourceArn,
    TagKeys: { kind: 'list', notNull: true, member: { kind: 'string', min: 1, max: 128 } },
  },
  handle(input, context) {
    const table = tableForArn(context, input.ResourceArn);
    const removed = new Set(input.TagKeys);
    table.setTags([...table.tags].filter(([key]) => !removed.has(key)));
    return {};
  },
});
