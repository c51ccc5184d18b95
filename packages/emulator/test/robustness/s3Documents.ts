/** Checks that an answer body is a well-formed S3 XML document (an `<Error>` when `isError`). */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawResponse } from './rawHttp.js';

/** Characters XML 1.0 allows (https://www.w3.org/TR/xml/#charsets). */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true });

export function s3DocumentProblem(response: RawResponse, isError: boolean): string | undefined {
  const text = response.body.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(response.body)) return 'body is not UTF-8';
  for (const char of text) if (!isXmlChar(char.codePointAt(0)!)) return `character U+${char.codePointAt(0)!.toString(16)} is not allowed in XML`;
  // S3 writes the characters XML 1.0 lacks (a key's control characters) as references such as
  // `&#x1;`, which clients' parsers accept; any other character must be one XML allows.
  for (const [, reference] of text.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const codePoint = reference!.startsWith('x') ? Number.parseInt(reference!.slice(1), 16) : Number(reference);
    if (!isXmlChar(codePoint) && codePoint >= 0x20 && codePoint !== 0xfffe && codePoint !== 0xffff) {
      return `character reference &#${reference}; names no character`;
    }
  }
  if (XMLValidator.validate(text) !== true) return 'body is not well-formed XML';
  if (!isError) return undefined;
  const error = (parser.parse(text) as Record<string, unknown>).Error as Record<string, unknown> | undefined;
  if (typeof error !== 'object' || error === null) return 'body is not an <Error> document';
  for (const field of ['Code', 'Message', 'RequestId']) {
    if (typeof error[field] !== 'string' || error[field] === '') return `<Error> has no ${field}`;
  }
  const headerId = response.headers['x-amz-request-id'];
  if (headerId !== undefined && headerId !== error.RequestId) return 'x-amz-request-id differs from <RequestId>';
  if (error.Code === 'InternalError') return 'InternalError';
  return undefined;
}
