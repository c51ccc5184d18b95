/**
 * Deletes everything a namespace created, through the AWS API as a user would: every bucket
 * (object versions, delete markers, multipart uploads), table and queue whose name starts with
 * `${namespaceId}-`, then lists again: whatever is still there is a leak. It runs after every
 * file, so its critical path is kept short: services and resources are cleaned in parallel, each
 * resource as soon as the listing page that names it answers, and each service's leak check is one
 * listing made as soon as that service's own deletions are done (no service's deletions can leave
 * anything in another), and only where something was found (a service whose first listing found
 * nothing has nothing that could have been left behind).
 * It never throws: a failure is collected and reported next to the test's own result, never
 * instead of it.
 */
import type { Connection } from './clients.js';
import type { ServiceName } from './config/options.js';
import { KumoError } from './errors.js';
import { dynamoDbCleaner } from './cleanup/dynamodb.js';
import { errorName, type ResourceRef, type ServiceCleaner } from './cleanup/resources.js';
import { s3Cleaner } from './cleanup/s3.js';
import { sqsCleaner } from './cleanup/sqs.js';

export type { ResourceRef } from './cleanup/resources.js';

export interface CleanupResult {
  /** What this call deleted (not what was already gone), ordered by service and name. */
  deleted: ResourceRef[];
  /** What is still there after cleanup. */
  leaks: ResourceRef[];
  errors: Error[];
  /** Services the emulator does not serve (it answered UnknownOperationException): nothing to clean there. */
  unavailable: ServiceName[];
}

const CLEANERS: Record<ServiceName, (connection: Connection) => ServiceCleaner> = {
  s3: s3Cleaner,
  dynamodb: dynamoDbCleaner,
  sqs: sqsCleaner,
};

/**
 * Cleans namespaces on one emulator. It keeps its SDK clients (and their open connections)
 * from one namespace to the next: a worker that cleans after every file holds one.
 */
export interface Cleaner {
  clean(namespaceId: string, services: ServiceName[]): Promise<CleanupResult>;
  destroy(): void;
}

export function createCleaner(connection: Connection): Cleaner {
  const cleaners = new Map<ServiceName, ServiceCleaner>();
  const cleanerOf = (service: ServiceName): ServiceCleaner => {
    let cleaner = cleaners.get(service);
    if (!cleaner) {
      cleaner = CLEANERS[service](connection);
      cleaners.set(service, cleaner);
    }
    return cleaner;
  };
  return {
    async clean(namespaceId, services) {
      const prefix = `${namespaceId}-`;
      const result: CleanupResult = { deleted: [], leaks: [], errors: [], unavailable: [] };
      await Promise.all(
        services.map(async (service) => {
          const cleaner = cleanerOf(service);
          if (await cleanService(cleaner, service, prefix, result)) await checkLeaks(cleaner, service, prefix, result);
        }),
      );
      result.deleted.sort(byServiceAndName);
      result.leaks.sort(byServiceAndName);
      return result;
    },
    destroy() {
      for (const cleaner of cleaners.values()) cleaner.destroy();
      cleaners.clear();
    },
  };
}

/** One namespace, with clients made for it and closed after it. */
export async function cleanNamespace(connection: Connection, namespaceId: string, services: ServiceName[]): Promise<CleanupResult> {
  const cleaner = createCleaner(connection);
  try {
    return await cleaner.clean(namespaceId, services);
  } finally {
    cleaner.destroy();
  }
}

/** Deletes the service's resources of the namespace; true when it found any (then the leak check lists it again). */
async function cleanService(cleaner: ServiceCleaner, service: ServiceName, prefix: string, result: CleanupResult): Promise<boolean> {
  const removals: Promise<void>[] = [];
  const remove = async (resource: ResourceRef): Promise<void> => {
    try {
      if (await cleaner.remove(resource)) result.deleted.push(resource);
    } catch (error) {
      result.errors.push(failure(`delete the ${resource.kind} "${resource.name}"`, error));
    }
  };
  try {
    for await (const page of cleaner.pages(prefix)) removals.push(...page.map(remove));
  } catch (error) {
    // SQS comes to the emulator later; until then its answer to ListQueues is this, which
    // means there is nothing of the namespace to clean, not that cleanup failed.
    if (errorName(error) === 'UnknownOperationException') result.unavailable.push(service);
    else result.errors.push(failure(`list the ${service} resources of "${prefix}*"`, error));
  }
  // Removals never reject: their failures are collected above.
  await Promise.all(removals);
  return removals.length > 0;
}

async function checkLeaks(cleaner: ServiceCleaner, service: ServiceName, prefix: string, result: CleanupResult): Promise<void> {
  try {
    for await (const page of cleaner.pages(prefix)) result.leaks.push(...page);
  } catch (error) {
    result.errors.push(failure(`check for ${service} resources of "${prefix}*" left behind`, error));
  }
}

function failure(action: string, error: unknown): KumoError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new KumoError(
    `kumo cleanup could not ${action} (${reason}). What it could not delete is reported as a leak; resolve the cause (for example, turn off DeletionProtectionEnabled on a table the test protects) so that cleanup can delete it.`,
    { cause: error },
  );
}

function byServiceAndName(a: ResourceRef, b: ResourceRef): number {
  return a.service === b.service ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.service < b.service ? -1 : 1;
}
