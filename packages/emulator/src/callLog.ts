/**
 * The last calls the emulator answered, for a test's failure output: which operation, on which
 * bucket or table, with which status and AWS error code. A fixed ring of entries, written once
 * per answer after it is known; a namespace's calls are found by the prefix its resources share
 * (`GET /_kumo/calls?prefix=<namespace id>-&limit=N`).
 */
import type { ServerResponse } from 'node:http';

/** What a service tells the listener about a call it answered. */
export interface CallSummary {
  readonly operation: string;
  /** The bucket (`bucket/key` for an object), or every table the call touched; none for a listing of the account. */
  readonly resources: readonly string[];
  readonly errorCode?: string | undefined;
}

export interface CallEntry {
  /** The request's time (the client's, with `clockSource: 'request'`), ISO 8601. */
  readonly time: string;
  readonly operation: string;
  /** The resources of the call that match the prefix asked for, comma-separated. */
  readonly resource: string;
  readonly status: number;
  readonly errorCode?: string;
}

interface Recorded {
  time: number;
  summary: CallSummary;
  status: number;
}

/** Enough for the calls of a failing test and its file's set-up, small enough never to matter. */
export const CALL_LOG_CAPACITY = 1000;

export class CallLog {
  private readonly ring: (Recorded | undefined)[] = new Array<Recorded | undefined>(CALL_LOG_CAPACITY);
  private next = 0;

  record(time: number, summary: CallSummary, status: number): void {
    this.ring[this.next] = { time, summary, status };
    this.next = (this.next + 1) % CALL_LOG_CAPACITY;
  }

  /** The newest `limit` calls touching a resource that starts with `prefix`, oldest first. */
  query(prefix: string, limit: number): CallEntry[] {
    const found: CallEntry[] = [];
    for (let age = 1; age <= CALL_LOG_CAPACITY && found.length < limit; age += 1) {
      const recorded = this.ring[(this.next - age + CALL_LOG_CAPACITY) % CALL_LOG_CAPACITY];
      if (!recorded) break;
      const resources = recorded.summary.resources.filter((name) => name.startsWith(prefix));
      if (prefix !== '' && resources.length === 0) continue;
      found.push(entryOf(recorded, resources));
    }
    return found.reverse();
  }
}

function entryOf({ time, summary, status }: Recorded, resources: readonly string[]): CallEntry {
  const entry = { time: new Date(time).toISOString(), operation: summary.operation, resource: resources.join(','), status };
  return summary.errorCode === undefined ? entry : { ...entry, errorCode: summary.errorCode };
}

const DEFAULT_LIMIT = 50;

/**
 * `GET /_kumo/calls?prefix=<p>&limit=N` answers `{"calls":[...]}`, newest last. `limit` defaults
 * to 50 and may be at most the log's capacity.
 */
export function serveCallLog(url: string, log: CallLog, res: ServerResponse): void {
  const query = new URLSearchParams(url.slice(url.indexOf('?') + 1 || url.length));
  const limitText = query.get('limit') ?? String(DEFAULT_LIMIT);
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > CALL_LOG_CAPACITY) {
    answer(res, 400, { message: `limit "${limitText}" is not a number of calls from 1 to ${CALL_LOG_CAPACITY}; the log keeps the last ${CALL_LOG_CAPACITY}.` });
    return;
  }
  answer(res, 200, { calls: log.query(query.get('prefix') ?? '', limit) });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
  res.end(bytes);
}
