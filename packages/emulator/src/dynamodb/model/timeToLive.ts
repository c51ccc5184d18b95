/**
 * Time to live on the emulator's clock: an item whose TTL attribute is a number of epoch
 * seconds at or before now has expired. DynamoDB leaves alone items whose TTL is more than
 * five years in the past (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html).
 * Expiries are tracked per item so that a sweep only walks the table when something is due.
 */
import type { Item } from '../attributeValue.js';

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;

export class TimeToLive {
  private readonly expiries = new Map<string, number>();
  private nextDue = Infinity;
  private lastSweep = -Infinity;

  constructor(readonly attributeName: string) {}

  /** Records the expiry of an item as written (or forgets it when the item has none). */
  track(id: string, item: Item | undefined): void {
    const value = item?.[this.attributeName];
    const seconds = value && 'N' in value ? Number(value.N) : NaN;
    if (!Number.isFinite(seconds)) {
      this.expiries.delete(id);
      return;
    }
    this.expiries.set(id, seconds);
    this.nextDue = Math.min(this.nextDue, seconds);
  }

  /** Whether an item's TTL has passed at `nowMillis`. */
  isExpired(item: Item, nowMillis: number): boolean {
    const value = item[this.attributeName];
    return value !== undefined && 'N' in value && expiredAt(Number(value.N), nowMillis / 1000);
  }

  /** Identities of the items due at `nowMillis`; walks the tracked expiries only when one may be due. */
  due(nowMillis: number): string[] {
    const now = nowMillis / 1000;
    if (now < this.nextDue && now >= this.lastSweep) return [];
    this.lastSweep = now;
    const due: string[] = [];
    this.nextDue = Infinity;
    for (const [id, seconds] of this.expiries) {
      if (expiredAt(seconds, now)) due.push(id);
      else if (seconds > now) this.nextDue = Math.min(this.nextDue, seconds);
    }
    return due;
  }
}

function expiredAt(expirySeconds: number, nowSeconds: number): boolean {
  return expirySeconds <= nowSeconds && expirySeconds > nowSeconds - FIVE_YEARS_SECONDS;
}
