/**
 * TransactWriteItems' ClientRequestToken: for ten minutes of the emulator's clock after a
 * transaction succeeded, the same token with the same request answers the same again without
 * writing anything, and with a different request is refused.
 */
const WINDOW_MILLIS = 10 * 60 * 1000;

interface Remembered {
  readonly fingerprint: string;
  readonly at: number;
  readonly response: unknown;
}

export type TokenLookup = { readonly kind: 'new' } | { readonly kind: 'replay'; readonly response: unknown } | { readonly kind: 'mismatch' };

export class ClientTokens {
  private readonly tokens = new Map<string, Remembered>();

  lookup(token: string, fingerprint: string, now: number): TokenLookup {
    this.forgetBefore(now - WINDOW_MILLIS);
    const remembered = this.tokens.get(token);
    if (!remembered) return { kind: 'new' };
    return remembered.fingerprint === fingerprint ? { kind: 'replay', response: remembered.response } : { kind: 'mismatch' };
  }

  remember(token: string, fingerprint: string, now: number, response: unknown): void {
    this.tokens.set(token, { fingerprint, at: now, response });
  }

  private forgetBefore(cutoff: number): void {
    for (const [token, remembered] of this.tokens) if (remembered.at <= cutoff) this.tokens.delete(token);
  }
}
