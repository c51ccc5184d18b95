/** Every S3 operation the emulator serves; the router builds its dispatch table from this list. */
import type { S3Operation } from '../operation.js';
import CopyObject from './CopyObject.js';
import CreateBucket from './CreateBucket.js';
import DeleteBucket from './DeleteBucket.js';
import DeleteObject from './DeleteObject.js';
import DeleteObjects from './DeleteObjects.js';
import DeleteObjectTagging from './DeleteObjectTagging.js';
import GetObject from './GetObject.js';
import GetObjectAttributes from './GetObjectAttributes.js';
import GetObjectTagging from './GetObjectTagging.js';
import HeadBucket from './HeadBucket.js';
import HeadObject from './HeadObject.js';
import ListBuckets from './ListBuckets.js';
import PutObject from './PutObject.js';
import PutObjectTagging from './PutObjectTagging.js';

export const s3Operations: readonly S3Operation[] = [
  CopyObject,
  CreateBucket,
  DeleteBucket,
  DeleteObject,
  DeleteObjects,
  DeleteObjectTagging,
  GetObject,
  GetObjectAttributes,
  GetObjectTagging,
  HeadBucket,
  HeadObject,
  ListBuckets,
  PutObject,
  PutObjectTagging,
];
