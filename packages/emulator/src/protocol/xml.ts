/**
 * REST-XML rendering and parsing, shared by every REST-XML service (S3).
 *
 * Rendering takes plain data: an object's keys become child elements in insertion order,
 * arrays repeat their element, `undefined` is left out, Date becomes ISO-8601 with
 * milliseconds as S3 writes it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsError } from '../errors.js';

export type XmlValue = string | number | boolean | Date | undefined | null | XmlObject | XmlElements | XmlMarkup | XmlValue[];
export interface XmlObject {
  [element: string]: XmlValue;
}

/**
 * Sibling elements of differing names in one given order, which an object (one key per name)
 * cannot express: ListObjectVersions interleaves `<Version>` and `<DeleteMarker>` newest first.
 * The name it is stored under is not rendered.
 */
export class XmlElements {
  constructor(readonly elements: ReadonlyArray<readonly [name: string, value: XmlValue]>) {}
}

/**
 * Markup already rendered, written as it is (the name it is stored under is not rendered): for
 * the one element a response repeats up to a thousand times (a listing's `<Contents>`), where a
 * template per entry is several times cheaper than walking an object per entry. Build it only
 * from escapeXml'd text.
 */
export class XmlMarkup {
  constructor(readonly markup: string) {}
}

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/**
 * Besides markup, the characters XML 1.0 cannot carry as text (C0 controls other than tab and
 * line feed, U+FFFE, U+FFFF) are escaped: keys and names may hold them, and raw they would make
 * the whole document unparseable. They become character references, as S3 writes them
 * (https://github.com/boto/botocore/issues/3496).
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex
const HAS_ESCAPE = /[&<>"'\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function escapeXml(text: string): string {
  // Most keys and values need no escaping: testing first spares the replace and its closure.
  if (!HAS_ESCAPE.test(text)) return text;
  return text.replace(NEEDS_ESCAPE, (char) => escapes[char] ?? `&#x${char.charCodeAt(0).toString(16)};`);
}

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : `${value}`);
const threeDigits = (value: number): string => (value < 10 ? `00${value}` : value < 100 ? `0${value}` : `${value}`);

/**
 * `Date.prototype.toISOString` for epoch milliseconds (years 1970-9999), in plain arithmetic:
 * listings format a timestamp per entry, and this is about three times cheaper. The date is
 * Howard Hinnant's civil_from_days (https://howardhinnant.github.io/date_algorithms.html).
 */
export function isoTimestamp(epochMillis: number): string {
  const days = Math.floor(epochMillis / 86_400_000);
  let rest = epochMillis - days * 86_400_000;
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${threeDigits(rest - seconds * 1000)}Z`;
}

/**
 * Renders one element (or none, or the repeated elements of an array) as a string. Listings
 * render hundreds of elements a request, so this stays allocation-light: string concatenation,
 * `for...in` over the object's own keys (they are plain data), no intermediate arrays.
 */
function renderValue(name: string, value: XmlValue): string {
  switch (typeof value) {
    case 'string':
      return `<${name}>${escapeXml(value)}</${name}>`;
    case 'number':
    case 'boolean':
      return `<${name}>${String(value)}</${name}>`;
    case 'undefined':
      return '';
  }
  if (value === null) return '';
  if (value instanceof Date) return `<${name}>${isoTimestamp(value.getTime())}</${name}>`;
  let out = '';
  if (Array.isArray(value)) {
    for (const item of value) out += renderValue(name, item);
    return out;
  }
  if (value instanceof XmlElements) {
    for (const [element, elementValue] of value.elements) out += renderValue(element, elementValue);
    return out;
  }
  if (value instanceof XmlMarkup) return value.markup;
  return `<${name}>${renderChildren(value)}</${name}>`;
}

function renderChildren(value: XmlObject): string {
  let out = '';
  for (const child in value) out += renderValue(child, value[child]);
  return out;
}

/**
 * A whole XML document with the S3 namespace on its root element. A string body is the root's
 * text (GetBucketLocation answers `<LocationConstraint>eu-west-1</LocationConstraint>`).
 */
export function renderXmlDocument(root: string, body: XmlObject | string, namespace: string | null = S3_NAMESPACE): string {
  const open = namespace ? `<${root} xmlns="${namespace}">` : `<${root}>`;
  const content = typeof body === 'string' ? escapeXml(body) : renderChildren(body);
  return `${XML_DECLARATION}${open}${content}</${root}>`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
});

/**
 * Parses a request body into plain data (every leaf a string). Anything that is not one
 * well-formed document with the expected root element is S3's MalformedXML.
 */
export function parseXmlDocument(text: string, expectedRoot: string): XmlParsed {
  const malformed = new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw malformed;
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    throw malformed;
  }
  if (typeof parsed !== 'object' || parsed === null) throw malformed;
  const roots = Object.keys(parsed);
  const root = (parsed as Record<string, unknown>)[expectedRoot];
  if (roots.length !== 1 || root === undefined) throw malformed;
  return root === '' ? {} : (root as XmlParsed);
}

export type XmlParsed = string | { [element: string]: XmlParsed | XmlParsed[] };

/** The children named `name` of a parsed element, always as an array. */
export function childList(node: XmlParsed | undefined, name: string): XmlParsed[] {
  if (node === undefined || typeof node === 'string') return [];
  const child = node[name];
  if (child === undefined) return [];
  return Array.isArray(child) ? child : [child];
}

/** The text of the single child `name`, or undefined. */
export function childText(node: XmlParsed | undefined, name: string): string | undefined {
  const [first] = childList(node, name);
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : '';
}
