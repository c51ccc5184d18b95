/** Every S3 operation the emulator serves; the router builds its dispatch table from this list. */
import type { S3Operation } from '../operation.js';
import CreateBucket from './CreateBucket.js';
import DeleteBucket from './DeleteBucket.js';
import DeleteObject from './DeleteObject.js';
import GetObject from './GetObject.js';
import HeadBucket from './HeadBucket.js';
import HeadObject from './HeadObject.js';
import ListBuckets from './ListBuckets.js';
import PutObject from './PutObject.js';

export const s3Operations: readonly S3Operation[] = [
  CreateBucket,
  DeleteBucket,
  DeleteObject,
  GetObject,
  HeadBucket,
  HeadObject,
  ListBuckets,
  PutObject,
];
