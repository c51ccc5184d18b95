/**
 * Chooses the S3 operation for a request from the table of operations: method and target
 * first, then the most specific operation whose selecting query parameters and header are
 * all present.
 */
import { s3Errors } from './errors.js';
import type { HttpMethod, S3Operation, S3Target } from './operation.js';

/**
 * Sub-resources S3 has and the emulator does not: a request naming one gets NotImplemented
 * rather than being mistaken for the plain bucket or object operation.
 */
const UNSUPPORTED_SUBRESOURCES = new Set([
  'accelerate', 'acl', 'analytics', 'cors', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'logging', 'metadataTable', 'metrics', 'notification', 'object-lock',
  'ownershipControls', 'policy', 'policyStatus', 'publicAccessBlock', 'renameObject', 'replication',
  'requestPayment', 'restore', 'retention', 'select', 'session', 'torrent', 'website',
]);

const resourceTypes: Record<S3Target, string> = { service: 'SERVICE', bucket: 'BUCKET', object: 'OBJECT' };

export class S3Router {
  private readonly table = new Map<string, S3Operation[]>();

  constructor(operations: readonly S3Operation[]) {
    for (const operation of operations) {
      const slot = `${operation.method} ${operation.target}`;
      const candidates = this.table.get(slot) ?? [];
      candidates.push(operation);
      this.table.set(slot, candidates);
    }
    for (const candidates of this.table.values()) candidates.sort((a, b) => specificity(b) - specificity(a));
  }

  resolve(method: string, target: S3Target, query: URLSearchParams, headers: Record<string, unknown>): S3Operation {
    const candidates = this.table.get(`${method} ${target}`);
    if (!candidates) throw s3Errors.methodNotAllowed(method, resourceTypes[target]);
    for (const operation of candidates) {
      if (operation.query && !operation.query.every((name) => query.has(name))) continue;
      if (operation.header && headers[operation.header] === undefined) continue;
      if (specificity(operation) === 0) {
        // A request has few parameters (the SDK's `x-id`, often nothing else): look at those.
        for (const name of query.keys()) {
          if (UNSUPPORTED_SUBRESOURCES.has(name)) throw s3Errors.notImplemented(`the "${name}" sub-resource`);
        }
      }
      return operation;
    }
    throw s3Errors.methodNotAllowed(method, resourceTypes[target]);
  }

  static isMethod(method: string | undefined): method is HttpMethod {
    return method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'POST' || method === 'DELETE';
  }
}

function specificity(operation: S3Operation): number {
  return (operation.query?.length ?? 0) + (operation.header ? 1 : 0);
}
