/**
 * The date formats of the wire: SigV4's `X-Amz-Date`, the ISO 8601 basic format
 * `yyyyMMdd'T'HHmmss'Z'` a signer stamps on every request
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html), and the
 * HTTP-date of `Date` and `Last-Modified` headers.
 */
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The instant an `X-Amz-Date` names, in epoch milliseconds; NaN when the text is not one. */
export function parseAmzDate(text: string): number {
  const date = AMZ_DATE.exec(text);
  return date ? Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!) : Number.NaN;
}

/** An HTTP-date (RFC 9110's IMF-fixdate), e.g. `Wed, 01 Jan 2025 00:00:00 GMT`. */
export function httpDate(epochMillis: number): string {
  return new Date(epochMillis).toUTCString();
}
