/**
 * The grammar of condition, filter and key-condition expressions
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Syntax),
 * by recursive descent, with DynamoDB's precedence: comparisons, BETWEEN and IN bind tighter
 * than NOT, NOT tighter than AND, AND tighter than OR.
 *
 * A `(` may open a condition or an operand (`(a) = :v` is valid), so a parenthesised group is
 * read as either and the comparison after it decides. `((x))` is legal syntax that DynamoDB
 * refuses as "redundant parentheses", and `(a.b).c` continues a parenthesised path.
 */
import type { Comparator, Condition, Operand } from './ast.js';
import { checkCondition, CONDITION_RANKS, countOperators } from './conditionChecks.js';
import { Issues, type ExpressionKind } from './errors.js';
import { checkOperatorCount, ExpressionParser } from './parser.js';
import type { PlaceholderUsage } from './placeholders.js';
import { Binder, TemplateCache, type ExpressionTemplate } from './templates.js';

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const OPERAND_KINDS = new Set(['path', 'value', 'function', 'arithmetic']);

type Node = Condition | Operand;

function isOperand(node: Node): node is Operand {
  return OPERAND_KINDS.has(node.kind);
}

export type ConditionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression';

const templates = new TemplateCache<Condition>();

/** Parses (once per text) and checks a condition; throws DynamoDB's ValidationException for the first problem. */
export function compileCondition(kind: ConditionKind, text: string, usage: PlaceholderUsage): Condition {
  const template = templates.get(text, () => parseCondition(kind, text));
  const binder = new Binder(template, usage, CONDITION_RANKS);
  const condition = binder.needed ? bindCondition(template.tree, binder) : template.tree;
  checkCondition(condition, binder.issues);
  binder.issues.throwFirst(kind);
  return condition;
}

/** The operator count is a matter of the text: a text with too many is refused before it is kept. */
function parseCondition(kind: ConditionKind, text: string): ExpressionTemplate<Condition> {
  const issues = new Issues();
  const parser = new ConditionParser(kind, text, issues);
  const tree = parser.parse();
  checkOperatorCount(kind, countOperators(tree));
  return { tree, issues, placeholders: parser.placeholders, standIns: parser.standIns };
}

function bindCondition(condition: Condition, binder: Binder): Condition {
  switch (condition.kind) {
    case 'compare':
      return { kind: 'compare', operator: condition.operator, left: binder.operand(condition.left), right: binder.operand(condition.right) };
    case 'between':
      return {
        kind: 'between',
        operand: binder.operand(condition.operand),
        lower: binder.operand(condition.lower),
        upper: binder.operand(condition.upper),
      };
    case 'in':
      return { kind: 'in', operand: binder.operand(condition.operand), list: condition.list.map((operand) => binder.operand(operand)) };
    case 'call':
      return { kind: 'call', name: condition.name, args: condition.args.map((argument) => binder.operand(argument)) };
    case 'and':
    case 'or':
      return { kind: condition.kind, left: bindCondition(condition.left, binder), right: bindCondition(condition.right, binder) };
    case 'not':
      return { kind: 'not', condition: bindCondition(condition.condition, binder) };
  }
}

class ConditionParser extends ExpressionParser {
  readonly #parenthesized = new WeakSet<Node>();

  constructor(kind: ExpressionKind, text: string, issues: Issues) {
    super(kind, text, issues, KEYWORDS, CONDITION_RANKS);
  }

  parse(): Condition {
    const condition = this.expression(false);
    this.expectEnd();
    return condition as Condition;
  }

  /**
   * OR of ANDs of NOT-ed comparisons, read in loops rather than one call per level, so that
   * nesting as deep as 4 KB of text allows costs little stack. With `bare`, a lone operand
   * followed by `)` is returned for the parenthesised group around it to use.
   */
  private expression(bare: boolean): Node {
    let disjunction: Condition | undefined;
    let conjunction: Condition | undefined;
    for (;;) {
      let negations = 0;
      while (this.atKeyword('NOT')) {
        this.next();
        negations += 1;
      }
      let term = this.comparison(bare && negations === 0 && !disjunction && !conjunction);
      if (isOperand(term)) return term;
      for (; negations > 0; negations -= 1) term = { kind: 'not', condition: term };
      conjunction = conjunction ? { kind: 'and', left: conjunction, right: term } : term;
      if (this.atKeyword('AND')) {
        this.next();
        continue;
      }
      disjunction = disjunction ? { kind: 'or', left: disjunction, right: conjunction } : conjunction;
      conjunction = undefined;
      if (!this.atKeyword('OR')) return disjunction;
      this.next();
    }
  }

  private comparison(bare: boolean): Node {
    let left: Node;
    if (this.atSymbol('(')) {
      this.next();
      const inner = this.expression(true);
      this.expectSymbol(')');
      left = this.closeParentheses(inner);
    } else {
      left = this.plainOperand();
    }
    if (!isOperand(left)) return left;
    const token = this.peek();
    if (token.kind === 'symbol' && COMPARATORS.has(token.text)) {
      this.next();
      return { kind: 'compare', operator: token.text as Comparator, left, right: this.operand() };
    }
    if (this.atKeyword('BETWEEN')) {
      this.next();
      const lower = this.operand();
      if (!this.atKeyword('AND')) this.fail();
      this.next();
      return { kind: 'between', operand: left, lower, upper: this.operand() };
    }
    if (this.atKeyword('IN')) {
      this.next();
      this.expectSymbol('(');
      const list = [this.operand()];
      while (this.atSymbol(',')) {
        this.next();
        list.push(this.operand());
      }
      this.expectSymbol(')');
      return { kind: 'in', operand: left, list };
    }
    if (bare && this.atSymbol(')')) return left;
    if (left.kind === 'function') return { kind: 'call', name: left.name, args: left.args };
    return this.fail();
  }

  /** Where only an operand may stand: after a comparator, BETWEEN's bounds, IN's list, arguments. */
  private operand(): Operand {
    if (!this.atSymbol('(')) return this.plainOperand();
    this.next();
    const inner = this.operand();
    this.expectSymbol(')');
    return this.closeParentheses(inner) as Operand;
  }

  private closeParentheses(inner: Node): Node {
    if (this.#parenthesized.has(inner)) this.issues.add(CONDITION_RANKS.parentheses, 'The expression has redundant parentheses;');
    if (inner.kind === 'path' && (this.atSymbol('.') || this.atSymbol('['))) {
      return { kind: 'path', path: this.continuePath([...inner.path]) };
    }
    this.#parenthesized.add(inner);
    return inner;
  }

  private plainOperand(): Operand {
    if (this.peek().kind === 'value') return { kind: 'value', value: this.parseValue() };
    if (this.atFunctionCall()) return this.parseFunctionCall(() => this.operand());
    if (this.atPathStart()) return { kind: 'path', path: this.parsePath() };
    return this.fail();
  }
}
