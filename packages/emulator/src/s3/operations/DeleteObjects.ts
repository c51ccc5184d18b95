import { isAwsError } from '../../errors.js';
import { childList, childText, type XmlObject, type XmlParsed } from '../../protocol/xml.js';
import { bucketOf } from '../buckets.js';
import { readDocument } from '../documents.js';
import { s3Errors } from '../errors.js';
import { deleteObject } from '../objectDelete.js';
import { isPlausibleVersionId } from '../objectLookup.js';
import { defineOperation } from '../operation.js';

const MAX_KEYS = 1000;

interface Deletion {
  key: string;
  versionId: string | undefined;
}

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 * Each key is deleted as DeleteObject would delete it and reported on its own: a key that is
 * not there is Deleted, a failure is an `<Error>` entry and the others still go ahead. Quiet
 * mode reports the errors only.
 */
export default defineOperation({
  name: 'DeleteObjects',
  method: 'POST',
  target: 'bucket',
  query: ['delete'],
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    const document = await readDocument(request, context, 'Delete', { integrityRequired: true });
    const quiet = quietOf(document);
    const deleted: XmlObject[] = [];
    const errors: XmlObject[] = [];
    for (const { key, versionId } of deletionsOf(document)) {
      try {
        // S3 reports a version id it could never have issued as a version that does not exist.
        if (versionId !== undefined && !isPlausibleVersionId(versionId)) throw s3Errors.noSuchVersion(key, versionId);
        const outcome = deleteObject(bucket, key, versionId, request.now);
        if (quiet) continue;
        const marker = outcome.deleteMarker;
        deleted.push({
          Key: key,
          VersionId: versionId,
          DeleteMarker: marker ? true : undefined,
          DeleteMarkerVersionId: marker ? outcome.versionId : undefined,
        });
      } catch (error) {
        if (!isAwsError(error)) throw error;
        errors.push({ Key: key, VersionId: versionId, Code: error.code, Message: error.message });
      }
    }
    return { xml: { root: 'DeleteResult', body: { Deleted: deleted, Error: errors } } };
  },
});

function quietOf(document: XmlParsed): boolean {
  const quiet = childText(document, 'Quiet')?.trim().toLowerCase();
  if (quiet !== undefined && quiet !== 'true' && quiet !== 'false') throw s3Errors.malformedXml();
  return quiet === 'true';
}

/** One to 1000 `<Object>` elements, each with a `<Key>`; anything else is MalformedXML. */
function deletionsOf(document: XmlParsed): Deletion[] {
  const objects = childList(document, 'Object');
  if (objects.length === 0 || objects.length > MAX_KEYS) throw s3Errors.malformedXml();
  return objects.map((object) => {
    const key = childText(object, 'Key');
    if (key === undefined) throw s3Errors.malformedXml();
    return { key, versionId: childText(object, 'VersionId') };
  });
}
