/**
 * Where a request's time comes from. With `clockSource: 'emulator'` (the default) it is the
 * emulator's Clock. With `clockSource: 'request'` it is the client's clock, so that a test whose
 * Date is frozen (or ticked) sees the emulator live at the same instant: an object written at the
 * frozen T has LastModified T, a DynamoDB TTL expires when the test's clock passes it.
 *
 * A request's time, in that mode, is the first of:
 * 1. `x-kumo-now`: epoch milliseconds, sent by the kumo-testkit fixture clients;
 * 2. the `X-Amz-Date` header every SigV4-signed request carries (second precision): application
 *    code's own clients, built from AWS_ENDPOINT_URL, run on the same faked Date;
 * 3. the last time a request gave through 1 or 2: an unsigned request (fetch, curl) lives at the
 *    test's current instant rather than jumping back to the real one;
 * 4. a presigned URL's `X-Amz-Date` query parameter, only before any request gave a time: it is
 *    when the link was signed, not when it is used, so preferring it would keep an expired link
 *    alive forever;
 * 5. the emulator's Clock.
 * A header that does not parse is ignored, as AWS ignores headers it does not know.
 */
import type { IncomingMessage } from 'node:http';
import type { Clock } from './clock.js';
import { parseAmzDate } from './protocol/dates.js';

export type ClockSource = 'emulator' | 'request';

export interface RequestTimes {
  /** The time of `req`, in epoch milliseconds. */
  timeOf(req: IncomingMessage): number;
}

export function requestTimes(source: ClockSource, clock: Clock): RequestTimes {
  return source === 'request' ? new ClientTimes(clock) : { timeOf: () => clock.now() };
}

class ClientTimes implements RequestTimes {
  private last: number | undefined;

  constructor(private readonly clock: Clock) {}

  timeOf(req: IncomingMessage): number {
    const stated = epochMillis(req.headers['x-kumo-now']) ?? amzDate(req.headers['x-amz-date']);
    if (stated !== undefined) {
      this.last = stated;
      return stated;
    }
    return this.last ?? presignedDate(req.url) ?? this.clock.now();
  }
}

function epochMillis(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header)) return undefined;
  return Number(header);
}

function amzDate(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string') return undefined;
  const time = parseAmzDate(header);
  return Number.isNaN(time) ? undefined : time;
}

function presignedDate(url: string | undefined): number | undefined {
  const at = url?.indexOf('X-Amz-Date=') ?? -1;
  if (at < 0) return undefined;
  return amzDate(url!.slice(at + 'X-Amz-Date='.length, at + 'X-Amz-Date='.length + 16));
}

