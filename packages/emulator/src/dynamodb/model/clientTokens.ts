/**
 * TransactWriteItems' ClientRequestToken: for ten minutes of the emulator's clock after a
 * transaction succeeded, the same token with the same request answers the same again without
 * writing anything, and with a different request is refused.
 */
import type { DynamoDbJournal } from './changes.js';

const WINDOW_MILLIS = 10 * 60 * 1000;
/** Expired tokens are swept once the map has grown this much since the last sweep. */
const MIN_SWEEP_SIZE = 64;

export interface Remembered {
  readonly fingerprint: string;
  readonly at: number;
  readonly response: unknown;
}

export type TokenLookup = { readonly kind: 'new' } | { readonly kind: 'replay'; readonly response: unknown } | { readonly kind: 'mismatch' };

export class ClientTokens {
  private readonly tokens = new Map<string, Remembered>();
  private sweepAt = MIN_SWEEP_SIZE;

  /** A token outlives a restart: it is noted, and replayed through `remember`. */
  constructor(private readonly journal?: DynamoDbJournal) {}

  lookup(token: string, fingerprint: string, now: number): TokenLookup {
    const cutoff = now - WINDOW_MILLIS;
    const remembered = this.tokens.get(token);
    if (!remembered || remembered.at <= cutoff) {
      this.tokens.delete(token);
      return { kind: 'new' };
    }
    return remembered.fingerprint === fingerprint ? { kind: 'replay', response: remembered.response } : { kind: 'mismatch' };
  }

  remember(token: string, fingerprint: string, now: number, response: unknown): void {
    this.tokens.set(token, { fingerprint, at: now, response });
    this.journal?.clientToken(token, fingerprint, now, response);
    if (this.tokens.size >= this.sweepAt) this.forgetBefore(now - WINDOW_MILLIS);
  }

  /** Every token remembered, expired ones included until a sweep drops them. */
  remembered(): IterableIterator<[string, Remembered]> {
    return this.tokens.entries();
  }

  /**
   * Drops expired tokens to bound memory. Only the looked-up token's age decides an answer, so
   * sweeping when the map has doubled (rather than at every lookup, which every transaction
   * makes: the SDK sends a token each time) keeps a transaction's cost independent of how many
   * came before.
   */
  private forgetBefore(cutoff: number): void {
    for (const [token, remembered] of this.tokens) if (remembered.at <= cutoff) this.tokens.delete(token);
    this.sweepAt = Math.max(MIN_SWEEP_SIZE, this.tokens.size * 2);
  }
}
