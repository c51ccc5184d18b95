/** Every S3 operation the emulator serves; the router builds its dispatch table from this list. */
import type { S3Operation } from '../operation.js';
import AbortMultipartUpload from './AbortMultipartUpload.js';
import CompleteMultipartUpload from './CompleteMultipartUpload.js';
import CopyObject from './CopyObject.js';
import CreateBucket from './CreateBucket.js';
import CreateMultipartUpload from './CreateMultipartUpload.js';
import DeleteBucket from './DeleteBucket.js';
import DeleteBucketTagging from './DeleteBucketTagging.js';
import DeleteObject from './DeleteObject.js';
import DeleteObjectTagging from './DeleteObjectTagging.js';
import DeleteObjects from './DeleteObjects.js';
import GetBucketLocation from './GetBucketLocation.js';
import GetBucketTagging from './GetBucketTagging.js';
import GetBucketVersioning from './GetBucketVersioning.js';
import GetObject from './GetObject.js';
import GetObjectAttributes from './GetObjectAttributes.js';
import GetObjectTagging from './GetObjectTagging.js';
import HeadBucket from './HeadBucket.js';
import HeadObject from './HeadObject.js';
import ListBuckets from './ListBuckets.js';
import ListMultipartUploads from './ListMultipartUploads.js';
import ListObjectVersions from './ListObjectVersions.js';
import ListObjects from './ListObjects.js';
import ListObjectsV2 from './ListObjectsV2.js';
import ListParts from './ListParts.js';
import PutBucketTagging from './PutBucketTagging.js';
import PutBucketVersioning from './PutBucketVersioning.js';
import PutObject from './PutObject.js';
import PutObjectTagging from './PutObjectTagging.js';
import UploadPart from './UploadPart.js';
import UploadPartCopy from './UploadPartCopy.js';

export const s3Operations: readonly S3Operation[] = [
  AbortMultipartUpload,
  CompleteMultipartUpload,
  CopyObject,
  CreateBucket,
  CreateMultipartUpload,
  DeleteBucket,
  DeleteBucketTagging,
  DeleteObject,
  DeleteObjectTagging,
  DeleteObjects,
  GetBucketLocation,
  GetBucketTagging,
  GetBucketVersioning,
  GetObject,
  GetObjectAttributes,
  GetObjectTagging,
  HeadBucket,
  HeadObject,
  ListBuckets,
  ListMultipartUploads,
  ListObjectVersions,
  ListObjects,
  ListObjectsV2,
  ListParts,
  PutBucketTagging,
  PutBucketVersioning,
  PutObject,
  PutObjectTagging,
  UploadPart,
  UploadPartCopy,
];
