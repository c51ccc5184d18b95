/**
 * The grammar of update expressions
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html):
 * SET, REMOVE, ADD and DELETE sections in any order, each at most once, each a comma-separated
 * list of actions. A SET value is an operand, or two operands joined by `+` or `-`, optionally
 * in parentheses; `a + b + c` and `a * b` are syntax errors.
 */
import type { Operand, Update, UpdateAction } from './ast.js';
import { Issues } from './errors.js';
import { checkOperatorCount, ExpressionParser } from './parser.js';
import type { PlaceholderUsage } from './placeholders.js';
import { Binder, TemplateCache, type ExpressionTemplate } from './templates.js';
import { checkUpdate, UPDATE_RANKS } from './updateChecks.js';

const SECTIONS = new Set(['SET', 'REMOVE', 'ADD', 'DELETE']);

const templates = new TemplateCache<readonly UpdateAction[]>();

/** Parses (once per text) and checks an update; throws DynamoDB's ValidationException for the first problem. */
export function compileUpdate(text: string, usage: PlaceholderUsage): Update {
  const template = templates.get(text, () => parseUpdate(text));
  const binder = new Binder(template, usage, UPDATE_RANKS);
  const actions = binder.needed ? template.tree.map((action) => bindAction(action, binder)) : template.tree;
  checkUpdate(actions, binder.issues);
  binder.issues.throwFirst('UpdateExpression');
  return { actions, source: 'expression' };
}

function parseUpdate(text: string): ExpressionTemplate<readonly UpdateAction[]> {
  const issues = new Issues();
  const parser = new UpdateParser(text, issues);
  const tree = parser.parse();
  checkOperatorCount('UpdateExpression', tree.filter((action) => action.kind === 'set' && action.value.kind === 'arithmetic').length);
  return { tree, issues, placeholders: parser.placeholders, standIns: parser.standIns };
}

function bindAction(action: UpdateAction, binder: Binder): UpdateAction {
  switch (action.kind) {
    case 'set':
      return { kind: 'set', path: binder.path(action.path), value: binder.operand(action.value) };
    case 'remove':
      return { kind: 'remove', path: binder.path(action.path) };
    case 'add':
    case 'delete':
      return { kind: action.kind, path: binder.path(action.path), value: binder.value(action.value) };
  }
}

class UpdateParser extends ExpressionParser {
  constructor(text: string, issues: Issues) {
    super('UpdateExpression', text, issues, SECTIONS, UPDATE_RANKS);
  }

  parse(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    do {
      const token = this.peek();
      const section = token.text.toUpperCase();
      if (token.kind !== 'identifier' || !SECTIONS.has(section)) this.fail();
      this.next();
      if (seen.has(section)) {
        this.issues.add(UPDATE_RANKS.section, `The "${section}" section can only be used once in an update expression;`);
      }
      seen.add(section);
      actions.push(this.action(section));
      while (this.atSymbol(',')) {
        this.next();
        actions.push(this.action(section));
      }
    } while (this.peek().kind !== 'eof');
    return actions;
  }

  private action(section: string): UpdateAction {
    const path = this.parsePath();
    if (section === 'SET') {
      this.expectSymbol('=');
      return { kind: 'set', path, value: this.setValue() };
    }
    if (section === 'REMOVE') return { kind: 'remove', path };
    return { kind: section === 'ADD' ? 'add' : 'delete', path, value: this.parseValue() };
  }

  private setValue(): Operand {
    const left = this.group();
    const token = this.peek();
    if (!(token.kind === 'symbol' && (token.text === '+' || token.text === '-'))) return left;
    if (left.kind === 'arithmetic') this.fail();
    this.next();
    return { kind: 'arithmetic', operator: token.text as '+' | '-', left, right: this.operand() };
  }

  /** The whole value in parentheses, or an operand in parentheses: `(a + b)`, `(a) + b`. */
  private group(): Operand {
    if (!this.atSymbol('(')) return this.plainOperand();
    this.next();
    const inner = this.setValue();
    this.expectSymbol(')');
    return inner;
  }

  private operand(): Operand {
    if (!this.atSymbol('(')) return this.plainOperand();
    this.next();
    const inner = this.operand();
    this.expectSymbol(')');
    return inner;
  }

  private plainOperand(): Operand {
    if (this.peek().kind === 'value') return { kind: 'value', value: this.parseValue() };
    if (this.atFunctionCall()) return this.parseFunctionCall(() => this.operand());
    return { kind: 'path', path: this.parsePath() };
  }
}
