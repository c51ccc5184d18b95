/**
 * Instants as a user writes them (config `clock`, `clock.set()`): epoch milliseconds, a Date,
 * or an ISO 8601 string. A date-time string must carry its offset (`Z` or `+hh:mm`): without
 * one, JavaScript reads it as local time, and the same suite would freeze at different instants
 * on machines in different time zones.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** What parseInstant accepts, in words, for error messages. */
export const INSTANT_FORMS =
  'epoch milliseconds (an integer), a Date, or an ISO 8601 string with its offset (e.g. "2025-01-01T00:00:00.000Z")';

/** Epoch milliseconds, or undefined when the value is not an instant in one of INSTANT_FORMS. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : time;
  }
  if (typeof value === 'string' && ISO_INSTANT.test(value) && isCalendarDate(value)) {
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

/** Date.parse rolls "2025-02-30" over to March 2nd; a day the month does not have is refused instead. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}
