/**
 * What each service's cleanup does: list the namespace's resources by name prefix, delete one.
 * Deleting a resource that is already gone is not an error: cleanup is idempotent.
 */
import type { ServiceName } from '../config/options.js';

export interface ResourceRef {
  service: ServiceName;
  kind: 'bucket' | 'table' | 'queue';
  name: string;
}

export interface ServiceCleaner {
  /** The resources whose names start with `prefix`, a listing page at a time: removal starts on the first. */
  pages(prefix: string): AsyncIterable<ResourceRef[]>;
  /** Deletes the resource and everything in it; false when it was already gone. */
  remove(resource: ResourceRef): Promise<boolean>;
  destroy(): void;
}

/** The SDK's error name (AWS's error code), when the error came from the service. */
export function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
