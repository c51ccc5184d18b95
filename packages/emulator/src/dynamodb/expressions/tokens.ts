/**
 * The tokens of DynamoDB's expression language and its syntax-error message.
 *
 * An attribute name starts with a letter and goes on with letters, digits and underscores;
 * `#name` and `:value` placeholders take letters, digits and underscores. Anything else is a
 * token of its own that no grammar accepts, which is why DynamoDB answers `_status = :v` with
 * `Syntax error; token: "_", near: "_status"` and `GI-1 = :v` with `token: "-", near: "GI-1"`.
 */
import { invalidExpression, type ExpressionKind } from './errors.js';

export type TokenKind = 'identifier' | 'name' | 'value' | 'number' | 'symbol' | 'other' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offsets in the expression text, for the `near` part of syntax errors. */
  readonly start: number;
  readonly end: number;
}

const PATTERNS: ReadonlyArray<readonly [TokenKind, RegExp]> = [
  ['identifier', /[A-Za-z][A-Za-z0-9_]*/y],
  ['name', /#[A-Za-z0-9_]+/y],
  ['value', /:[A-Za-z0-9_]+/y],
  ['number', /[0-9]+/y],
  ['symbol', /<>|<=|>=|[()[\].,=<>+-]/y],
];

const WHITESPACE = /[ \t\r\n]+/y;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    WHITESPACE.lastIndex = offset;
    if (WHITESPACE.test(text)) {
      offset = WHITESPACE.lastIndex;
      continue;
    }
    tokens.push(nextToken(text, offset));
    offset = tokens[tokens.length - 1]!.end;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: text.length, end: text.length });
  return tokens;
}

function nextToken(text: string, offset: number): Token {
  for (const [kind, pattern] of PATTERNS) {
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (match) return { kind, text: match[0], start: offset, end: offset + match[0].length };
  }
  const character = String.fromCodePoint(text.codePointAt(offset)!);
  return { kind: 'other', text: character, start: offset, end: offset + character.length };
}

/**
 * DynamoDB quotes the offending token and the text from the token before it to the token
 * after it: `a b` gives `token: "b", near: "a b"`, `a[-1]` gives `token: "-", near: "[-1"`,
 * and a premature end gives `token: "<EOF>", near: "<the last token>"`.
 */
export function syntaxError(kind: ExpressionKind, text: string, tokens: readonly Token[], index: number) {
  const token = tokens[index]!;
  const previous = index > 0 ? tokens[index - 1] : undefined;
  const following = tokens[index + 1];
  const start = (previous ?? token).start;
  const end = following && following.kind !== 'eof' ? following.end : token.kind === 'eof' ? (previous?.end ?? 0) : token.end;
  return invalidExpression(kind, `Syntax error; token: "${token.text}", near: "${text.slice(start, end)}"`);
}
