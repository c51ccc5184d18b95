/** Every S3 operation the emulator serves; the router builds its dispatch table from this list. */
import type { S3Operation } from '../operation.js';
import AbortMultipartUpload from './AbortMultipartUpload.js';
import CompleteMultipartUpload from './CompleteMultipartUpload.js';
import CreateBucket from './CreateBucket.js';
import CreateMultipartUpload from './CreateMultipartUpload.js';
import DeleteBucket from './DeleteBucket.js';
import DeleteObject from './DeleteObject.js';
import GetObject from './GetObject.js';
import HeadBucket from './HeadBucket.js';
import HeadObject from './HeadObject.js';
import ListBuckets from './ListBuckets.js';
import ListMultipartUploads from './ListMultipartUploads.js';
import ListParts from './ListParts.js';
import PutObject from './PutObject.js';
import UploadPart from './UploadPart.js';
import UploadPartCopy from './UploadPartCopy.js';

export const s3Operations: readonly S3Operation[] = [
  AbortMultipartUpload,
  CompleteMultipartUpload,
  CreateBucket,
  CreateMultipartUpload,
  DeleteBucket,
  DeleteObject,
  GetObject,
  HeadBucket,
  HeadObject,
  ListBuckets,
  ListMultipartUploads,
  ListParts,
  PutObject,
  UploadPart,
  UploadPartCopy,
];
