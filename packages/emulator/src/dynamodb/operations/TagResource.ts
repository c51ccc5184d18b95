import { defineOperation } from '../operation.js';
import { tableForArn } from '../tagging.js';
import { withTags, type TagInput } from '../tableSettings.js';
import { resourceArn, tags } from '../validation/common.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html (adds or replaces tags by key). */
export default defineOperation<{ ResourceArn: string; Tags: TagInput[] }>({
  name: 'TagResource',
  input: { ResourceArn: resourceArn, Tags: { ...tags, notNull: true } },
  handle(input, context) {
    const table = tableForArn(context, input.ResourceArn);
    table.setTags(withTags(table.tags, input.Tags));
    return {};
  },
});
