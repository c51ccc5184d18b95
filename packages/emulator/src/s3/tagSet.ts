/**
 * The `<Tagging>` document of PutObjectTagging and PutBucketTagging:
 * `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>`. TagSet is required and
 * every Tag needs both children (MalformedXML otherwise); the tag rules themselves differ
 * between objects and buckets and are checked by the caller.
 */
import { childList, childText, type XmlParsed } from '../protocol/xml.js';
import { s3Errors } from './errors.js';
import type { Tag } from './model/types.js';

export function tagSetOf(document: XmlParsed): Tag[] {
  const [tagSet] = childList(document, 'TagSet');
  if (tagSet === undefined) throw s3Errors.malformedXml();
  return childList(tagSet, 'Tag').map((tag) => {
    const Key = childText(tag, 'Key');
    const Value = childText(tag, 'Value');
    if (Key === undefined || Value === undefined) throw s3Errors.malformedXml();
    return { Key, Value };
  });
}
