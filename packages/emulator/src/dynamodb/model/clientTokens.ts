/**
 * TransactWriteItems' ClientRequestToken: for ten minutes of the emulator's clock after a
 * transaction succeeded, the same token with the same request answers the same again without
 * writing anything, and with a different request is refused.
 *
 * Requests are told apart by their fingerprint, the JSON text of their TransactItems. The SDK
 * sends a new token with every transaction and almost none comes again, so the text is written
 * only when it is compared (the token came again) or stored (the journal): writing it for every
 * transaction cost 5 to 20 µs for ten puts. Until then the parsed TransactItems are kept: nothing
 * changes a request after parsing, and a stored item is never changed (a write stores a new one).
 */
import type { DynamoDbJournal } from './changes.js';

const WINDOW_MILLIS = 10 * 60 * 1000;
/** Expired tokens are swept once the map has grown this much since the last sweep. */
const MIN_SWEEP_SIZE = 64;

export class Remembered {
  constructor(
    private request: unknown,
    readonly at: number,
    readonly response: unknown,
    private text?: string,
  ) {}

  get fingerprint(): string {
    if (this.text === undefined) {
      this.text = fingerprintOf(this.request);
      // The text replaces the parsed request, which is then no longer needed.
      this.request = undefined;
    }
    return this.text;
  }
}

function fingerprintOf(request: unknown): string {
  return JSON.stringify(request);
}

export type TokenLookup = { readonly kind: 'new' } | { readonly kind: 'replay'; readonly response: unknown } | { readonly kind: 'mismatch' };

export class ClientTokens {
  private readonly tokens = new Map<string, Remembered>();
  private sweepAt = MIN_SWEEP_SIZE;

  /** A token outlives a restart: it is noted, and replayed through `remember`. */
  constructor(private readonly journal?: DynamoDbJournal) {}

  /** `request`: the TransactItems sent with `token` now. */
  lookup(token: string, request: unknown, now: number): TokenLookup {
    const cutoff = now - WINDOW_MILLIS;
    const remembered = this.tokens.get(token);
    if (!remembered || remembered.at <= cutoff) {
      this.tokens.delete(token);
      return { kind: 'new' };
    }
    return remembered.fingerprint === fingerprintOf(request) ? { kind: 'replay', response: remembered.response } : { kind: 'mismatch' };
  }

  /** Remembers what a transaction with `token` and these TransactItems answered. */
  remember(token: string, request: unknown, now: number, response: unknown): void {
    const remembered = new Remembered(request, now, response);
    this.tokens.set(token, remembered);
    this.journal?.clientToken(token, remembered.fingerprint, now, response);
    if (this.tokens.size >= this.sweepAt) this.forgetBefore(now - WINDOW_MILLIS);
  }

  /** A token read back from the journal, with the fingerprint it was noted with. */
  restore(token: string, fingerprint: string, at: number, response: unknown): void {
    this.tokens.set(token, new Remembered(undefined, at, response, fingerprint));
    if (this.tokens.size >= this.sweepAt) this.forgetBefore(at - WINDOW_MILLIS);
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
