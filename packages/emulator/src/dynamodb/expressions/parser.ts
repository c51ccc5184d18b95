/**
 * What the three grammars (conditions, updates, projections) share: reading tokens, document
 * paths, `#name` and `:value` placeholders and function calls. Problems that are not syntax
 * errors (reserved words, redundant parentheses) are recorded in Issues at the ranks the
 * grammar gives them, so the parse can finish and DynamoDB's choice of message be made after.
 *
 * The parse depends on the text alone: a `#name` stays in its path as written and a `:value`
 * becomes a stand-in, both listed in reading order, so that the result is a template bound to
 * each request's placeholders (templates.ts).
 */
import type { AttributeValue } from '../attributeValue.js';
import type { DocumentPath, Operand, PathElement } from './ast.js';
import { invalidExpression, type ExpressionKind, type Issues } from './errors.js';
import { isReservedWord } from './reservedWords.js';
import { syntaxError, tokenize, type Token } from './tokens.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters */
const MAX_EXPRESSION_BYTES = 4096;
/**
 * More parentheses open at once than this can never be closed within 4 KB, so the expression
 * is a syntax error however it goes on; stopping there keeps the recursion off the stack limit.
 */
const MAX_OPEN_PARENTHESES = MAX_EXPRESSION_BYTES / 2;
/** Comparators, AND, OR, NOT, BETWEEN, IN, `+` and `-` count; parentheses and functions do not. */
const MAX_OPERATORS = 300;

export interface PlaceholderRanks {
  readonly reserved: number;
  readonly undefinedName: number;
  readonly undefinedValue: number;
}

export function checkExpressionText(kind: ExpressionKind, text: string): void {
  if (text.trim() === '') throw invalidExpression(kind, 'The expression can not be empty;');
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_EXPRESSION_BYTES) {
    throw invalidExpression(kind, `Expression size has exceeded the maximum allowed size; expression size: ${size}`);
  }
}

/** Checked once the expression has parsed, before any other problem is looked for. */
export function checkOperatorCount(kind: ExpressionKind, count: number): void {
  if (count > MAX_OPERATORS) {
    throw invalidExpression(kind, `The expression contains too many operators; operator count: ${count}`);
  }
}

export class ExpressionParser {
  protected readonly tokens: readonly Token[];
  protected position = 0;
  #openParentheses = 0;
  /** The `#name` and `:value` placeholders met, in reading order. */
  readonly placeholders: string[] = [];
  /** Each `:value` met has a stand-in of its own in the tree: which placeholder it stands for. */
  readonly standIns = new Map<AttributeValue, string>();

  constructor(
    protected readonly kind: ExpressionKind,
    protected readonly text: string,
    protected readonly issues: Issues,
    private readonly keywords: ReadonlySet<string>,
    private readonly ranks: Pick<PlaceholderRanks, 'reserved'>,
  ) {
    checkExpressionText(kind, text);
    this.tokens = tokenize(text);
  }

  protected peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!;
  }

  protected next(): Token {
    const token = this.peek();
    if (token.kind === 'symbol' && (token.text === '(' || token.text === ')')) {
      this.#openParentheses += token.text === '(' ? 1 : -1;
      if (this.#openParentheses > MAX_OPEN_PARENTHESES) {
        this.position = this.tokens.length - 1;
        this.fail();
      }
    }
    if (token.kind !== 'eof') this.position += 1;
    return token;
  }

  protected fail(): never {
    throw syntaxError(this.kind, this.text, this.tokens, this.position);
  }

  protected atSymbol(symbol: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'symbol' && token.text === symbol;
  }

  protected expectSymbol(symbol: string): void {
    if (!this.atSymbol(symbol)) this.fail();
    this.next();
  }

  /** The grammar's keywords (AND, SET, ...) are matched in any letter case. */
  protected atKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.text.toUpperCase() === word;
  }

  protected expectEnd(): void {
    if (this.peek().kind !== 'eof') this.fail();
  }

  private isKeyword(token: Token): boolean {
    return token.kind === 'identifier' && this.keywords.has(token.text.toUpperCase());
  }

  protected atPathStart(): boolean {
    const token = this.peek();
    return token.kind === 'name' || (token.kind === 'identifier' && !this.isKeyword(token));
  }

  protected parsePath(): DocumentPath {
    return this.continuePath([this.pathElement()]);
  }

  /** Reads the `.name` and `[index]` steps that follow the start of a path. */
  protected continuePath(elements: PathElement[]): DocumentPath {
    for (;;) {
      if (this.atSymbol('.')) {
        this.next();
        elements.push(this.pathElement());
      } else if (this.atSymbol('[')) {
        this.next();
        if (this.peek().kind !== 'number') this.fail();
        elements.push(Number(this.next().text));
        this.expectSymbol(']');
      } else {
        return elements;
      }
    }
  }

  private pathElement(): string {
    const token = this.peek();
    if (!this.atPathStart()) this.fail();
    this.next();
    if (token.kind === 'identifier') {
      if (isReservedWord(token.text)) {
        this.issues.add(this.ranks.reserved, `Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
      }
      return token.text;
    }
    // Only a `#name` starts with '#' in a template's path: binding finds it there.
    this.placeholders.push(token.text);
    return token.text;
  }

  protected parseValue(): AttributeValue {
    if (this.peek().kind !== 'value') this.fail();
    const token = this.next();
    const standIn: AttributeValue = { NULL: true };
    this.standIns.set(standIn, token.text);
    this.placeholders.push(token.text);
    return standIn;
  }

  /** An identifier followed by `(` is a function call, whatever its name. */
  protected atFunctionCall(): boolean {
    return this.peek().kind === 'identifier' && !this.isKeyword(this.peek()) && this.atSymbol('(', 1);
  }

  protected parseFunctionCall(parseArgument: () => Operand): Operand {
    const name = this.next().text;
    this.expectSymbol('(');
    const args = [parseArgument()];
    while (this.atSymbol(',')) {
      this.next();
      args.push(parseArgument());
    }
    this.expectSymbol(')');
    return { kind: 'function', name, args };
  }
}
