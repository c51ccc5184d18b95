/** Every S3 operation the emulator serves; the router builds its dispatch table from this list. */
import type { S3Operation } from '../operation.js';
import CreateBucket from './CreateBucket.js';
import DeleteBucket from './DeleteBucket.js';
import DeleteBucketTagging from './DeleteBucketTagging.js';
import DeleteObject from './DeleteObject.js';
import GetBucketLocation from './GetBucketLocation.js';
import GetBucketTagging from './GetBucketTagging.js';
import GetBucketVersioning from './GetBucketVersioning.js';
import GetObject from './GetObject.js';
import HeadBucket from './HeadBucket.js';
import HeadObject from './HeadObject.js';
import ListBuckets from './ListBuckets.js';
import ListObjectVersions from './ListObjectVersions.js';
import ListObjects from './ListObjects.js';
import ListObjectsV2 from './ListObjectsV2.js';
import PutBucketTagging from './PutBucketTagging.js';
import PutBucketVersioning from './PutBucketVersioning.js';
import PutObject from './PutObject.js';

export const s3Operations: readonly S3Operation[] = [
  CreateBucket,
  DeleteBucket,
  DeleteBucketTagging,
  DeleteObject,
  GetBucketLocation,
  GetBucketTagging,
  GetBucketVersioning,
  GetObject,
  HeadBucket,
  HeadObject,
  ListBuckets,
  ListObjectVersions,
  ListObjects,
  ListObjectsV2,
  PutBucketTagging,
  PutBucketVersioning,
  PutObject,
];
