import { childList, childText, type XmlParsed } from '../../protocol/xml.js';
import { bucketOf } from '../buckets.js';
import { readDocument } from '../documents.js';
import { s3Errors } from '../errors.js';
import type { Tag } from '../model/types.js';
import { validateTags, versionIdHeader } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
 * Replaces the whole tag set of one version; the object's data, ETag and Last-Modified stay.
 */
export default defineOperation({
  name: 'PutObjectTagging',
  method: 'PUT',
  target: 'object',
  query: ['tagging'],
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    readableVersion(request, bucket);
    const tags = validateTags(tagSetOf(await readDocument(request, context, 'Tagging')));
    // Looked up again: the version may have changed while the document was arriving.
    const version = readableVersion(request, bucket);
    version.tags = tags;
    return { headers: { 'x-amz-version-id': versionIdHeader(bucket, version) } };
  },
});

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>`: TagSet, Key and Value are required. */
function tagSetOf(document: XmlParsed): Tag[] {
  const [tagSet] = childList(document, 'TagSet');
  if (tagSet === undefined) throw s3Errors.malformedXml();
  return childList(tagSet, 'Tag').map((tag) => {
    const Key = childText(tag, 'Key');
    const Value = childText(tag, 'Value');
    if (Key === undefined || Value === undefined) throw s3Errors.malformedXml();
    return { Key, Value };
  });
}
