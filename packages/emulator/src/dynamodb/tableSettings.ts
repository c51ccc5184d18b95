/**
 * Settings CreateTable and UpdateTable both accept: the billing mode with its throughput, the
 * stream and server-side encryption, and tags.
 */
import { randomUUID } from 'node:crypto';
import { ddbErrors } from './errors.js';
import type { Throughput } from './model/secondaryIndex.js';
import type { BillingMode, SseSettings, StreamSettings } from './model/table.js';
import { ACCOUNT_ID } from './operation.js';
import { checkThroughputBounds } from './schemaChecks.js';

export interface StreamSpecificationInput {
  StreamEnabled: boolean;
  StreamViewType?: string;
}

export interface SseSpecificationInput {
  Enabled?: boolean;
  SSEType?: string;
  KMSMasterKeyId?: string;
}

export interface TagInput {
  Key: string;
  Value: string;
}

/** Checks a billing mode against the throughput sent with it; returns the throughput to keep. */
export function checkBilling(mode: BillingMode, throughput: Throughput | undefined, modeGiven: boolean): Throughput {
  if (mode === 'PAY_PER_REQUEST') {
    if (throughput) {
      throw ddbErrors.invalidParameter(
        'Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
      );
    }
    return { ReadCapacityUnits: 0, WriteCapacityUnits: 0 };
  }
  if (!throughput) {
    throw modeGiven
      ? ddbErrors.invalidParameter('ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED')
      : ddbErrors.invalidParameter('Missing required parameter in input: "ProvisionedThroughput"');
  }
  checkThroughputBounds(throughput);
  return { ReadCapacityUnits: throughput.ReadCapacityUnits, WriteCapacityUnits: throughput.WriteCapacityUnits };
}

/** The stream a specification turns on, or undefined when it turns the stream off. */
export function streamOf(spec: StreamSpecificationInput, now: number): StreamSettings | undefined {
  if (!spec.StreamEnabled) return undefined;
  if (spec.StreamViewType === undefined) {
    throw ddbErrors.validation('StreamSpecification with StreamEnabled=true must specify a StreamViewType');
  }
  return { StreamViewType: spec.StreamViewType, label: new Date(now).toISOString().slice(0, 23) };
}

/** Encryption with a KMS key (the AWS owned default key reports no SSEDescription). */
export function sseOf(spec: SseSpecificationInput | undefined, region: string): SseSettings | undefined {
  if (!spec?.Enabled) return undefined;
  const key = spec.KMSMasterKeyId ?? randomUUID();
  const arn = key.startsWith('arn:') ? key : `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${key}`;
  return { SSEType: spec.SSEType ?? 'KMS', KMSMasterKeyArn: arn };
}

const MAX_TAGS = 50;

/** A tag set with `tags` added or replaced by key, within DynamoDB's limit. */
export function withTags(current: ReadonlyMap<string, string>, tags: TagInput[]): Map<string, string> {
  const merged = new Map(current);
  for (const tag of tags) merged.set(tag.Key, tag.Value);
  if (merged.size > MAX_TAGS) throw ddbErrors.validation(`One or more parameter values were invalid: The number of tags exceeds the limit of ${MAX_TAGS}`);
  return merged;
}
