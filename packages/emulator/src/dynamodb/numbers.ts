/**
 * DynamoDB numbers: exact decimals of up to 38 significant digits with a magnitude from 1E-130
 * to 9.99...E+125 (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
 * Arithmetic (ADD, SET a = b + c) is exact, never floating point, and results are returned in
 * DynamoDB's canonical form: plain decimal notation, no exponent, no leading or trailing zeros.
 */
import { AwsError } from '../errors.js';

export interface Decimal {
  /** -1, 0 or 1. */
  readonly sign: number;
  /** Significant digits without leading or trailing zeros ('' for zero). */
  readonly digits: string;
  /** value = sign * 0.digits * 10^exponent, so 1 is { digits: '1', exponent: 1 }. */
  readonly exponent: number;
}

const MAX_SIGNIFICANT_DIGITS = 38;
/** 9.99...E+125 is the largest magnitude: at most 126 digits before the point. */
const MAX_EXPONENT = 126;
/** 1E-130 is the smallest magnitude. */
const MIN_EXPONENT = -129;

export const ZERO: Decimal = { sign: 0, digits: '', exponent: 0 };

/** Whitespace around the digits is refused, as DynamoDB refuses it. */
const NUMBER_SYNTAX = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

function validation(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

/** Reads a number as the JSON protocol carries it; throws DynamoDB's ValidationException. */
export function parseNumber(text: string): Decimal {
  const match = NUMBER_SYNTAX.exec(text);
  // DynamoDB echoes the text after a colon, except when there is none.
  if (!match) throw validation(`The parameter cannot be converted to a numeric value${text === '' ? '' : `: ${text}`}`);
  const [, signText, whole = '', fractionAfterWhole = '', fractionOnly = '', exponentText = '0'] = match;
  const fraction = fractionOnly || fractionAfterWhole;
  const allDigits = whole + fraction;
  const leading = allDigits.search(/[1-9]/);
  if (leading < 0) return ZERO;
  const trimmed = allDigits.slice(leading).replace(/0+$/, '');
  if (trimmed.length > MAX_SIGNIFICANT_DIGITS) {
    throw validation('Attempting to store more than 38 significant digits in a Number');
  }
  const exponent = whole.length - leading + Number(exponentText);
  return checkRange({ sign: signText === '-' ? -1 : 1, digits: trimmed, exponent });
}

function checkRange(value: Decimal): Decimal {
  if (value.sign === 0) return value;
  if (value.exponent > MAX_EXPONENT) {
    throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
  }
  if (value.exponent < MIN_EXPONENT) {
    throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  }
  return value;
}

/** DynamoDB's canonical text: `-12.5`, `100`, `0.001`, `0`. */
export function formatNumber(value: Decimal): string {
  if (value.sign === 0) return '0';
  const { digits, exponent } = value;
  let text: string;
  if (exponent <= 0) text = `0.${'0'.repeat(-exponent)}${digits}`;
  else if (exponent >= digits.length) text = digits + '0'.repeat(exponent - digits.length);
  else text = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return value.sign < 0 ? `-${text}` : text;
}

/** The canonical form of a number string (validating it). */
export function canonicalNumber(text: string): string {
  // Most numbers a request carries are canonical already (`42`, `-1.5`): they are returned as sent, unparsed.
  if (canonicalShape(text) !== undefined) return text;
  return formatNumber(parseNumber(text));
}

export function compareNumbers(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign - b.sign;
  if (a.sign === 0) return 0;
  const magnitude =
    a.exponent !== b.exponent
      ? a.exponent - b.exponent
      : compareDigitStrings(a.digits.padEnd(b.digits.length, '0'), b.digits.padEnd(a.digits.length, '0'));
  return a.sign * Math.sign(magnitude);
}

/**
 * The order of two numbers as the protocol carries them. Stored items and checked expression
 * values hold canonical text (formatNumber's), which orders without parsing: by sign, then by
 * the length of the integer part, then as text. Other text (legacy parameters are compared as
 * sent) is parsed.
 */
export function compareNumberTexts(a: string, b: string): number {
  const x = canonicalShape(a);
  const y = canonicalShape(b);
  if (x === undefined || y === undefined) return compareNumbers(parseNumber(a), parseNumber(b));
  if (a === b) return 0;
  const sign = Math.sign(x);
  if (sign !== Math.sign(y)) return Math.sign(sign - Math.sign(y));
  if (sign === 0) return 0;
  const magnitude = x !== y ? Math.abs(x) - Math.abs(y) : a < b ? -1 : 1;
  return sign * Math.sign(magnitude);
}

/**
 * The integer-part length of a canonical number text (`0`, `-12.5`, `0.001`, `100`) of at most
 * 38 digits (so certainly in DynamoDB's range) with the number's sign (0 for zero), or
 * undefined for any other text. A number rather than an object: a filter compares every item.
 */
function canonicalShape(text: string): number | undefined {
  if (text === '0') return 0;
  if (text.length > MAX_SIGNIFICANT_DIGITS) return undefined;
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const first = text.charCodeAt(start);
  if (!(first >= 48 && first <= 57)) return undefined;
  let index = start + 1;
  while (index < text.length && isDigit(text.charCodeAt(index))) index += 1;
  const integerDigits = index - start;
  // A leading zero only before a fraction: `0.5`, never `05` or `-0`.
  if (first === 48 && (integerDigits > 1 || index === text.length)) return undefined;
  if (index < text.length) {
    if (text.charCodeAt(index) !== 46 || index === text.length - 1 || text.charCodeAt(text.length - 1) === 48) return undefined;
    for (index += 1; index < text.length; index += 1) if (!isDigit(text.charCodeAt(index))) return undefined;
  }
  return start === 1 ? -integerDigits : integerDigits;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function compareDigitStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** value = coefficient * 10^scale, exactly. */
function toScaled(value: Decimal): { coefficient: bigint; scale: number } {
  if (value.sign === 0) return { coefficient: 0n, scale: 0 };
  return { coefficient: BigInt(value.sign) * BigInt(value.digits), scale: value.exponent - value.digits.length };
}

function fromScaled(coefficient: bigint, scale: number): Decimal {
  if (coefficient === 0n) return ZERO;
  const sign = coefficient < 0n ? -1 : 1;
  const text = (coefficient < 0n ? -coefficient : coefficient).toString();
  const digits = text.replace(/0+$/, '');
  if (digits.length > MAX_SIGNIFICANT_DIGITS) {
    throw validation('Number overflow. Attempting to store a number with more than 38 significant digits');
  }
  return checkRange({ sign, digits, exponent: scale + text.length });
}

export function addNumbers(a: Decimal, b: Decimal): Decimal {
  const x = toScaled(a);
  const y = toScaled(b);
  if (x.coefficient === 0n) return b;
  if (y.coefficient === 0n) return a;
  const scale = Math.min(x.scale, y.scale);
  const sum = x.coefficient * 10n ** BigInt(x.scale - scale) + y.coefficient * 10n ** BigInt(y.scale - scale);
  return fromScaled(sum, scale);
}

/**
 * The canonical text of `a + b` (or `a - b`) for number texts as the protocol carries them.
 * Counters (`SET n = n + :one`, `ADD n :one`) add small integers: two canonical integers of at
 * most 15 digits add exactly in floating point, and the sum prints in canonical form. Anything
 * else is added as exact decimals.
 */
export function addNumberTexts(a: string, b: string, subtract = false): string {
  if (isSmallInteger(a) && isSmallInteger(b)) return String(subtract ? Number(a) - Number(b) : Number(a) + Number(b));
  const x = parseNumber(a);
  const y = parseNumber(b);
  return formatNumber(subtract ? subtractNumbers(x, y) : addNumbers(x, y));
}

/** A canonical integer of 1 to 15 digits (`0`, `42`, `-7`; never `-0` or `007`). */
function isSmallInteger(text: string): boolean {
  if (text === '0') return true;
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const digits = text.length - start;
  if (digits < 1 || digits > 15) return false;
  const first = text.charCodeAt(start);
  if (first < 49 || first > 57) return false;
  for (let index = start + 1; index < text.length; index += 1) if (!isDigit(text.charCodeAt(index))) return false;
  return true;
}

export function negate(value: Decimal): Decimal {
  return { ...value, sign: -value.sign };
}

export function subtractNumbers(a: Decimal, b: Decimal): Decimal {
  return addNumbers(a, negate(b));
}
