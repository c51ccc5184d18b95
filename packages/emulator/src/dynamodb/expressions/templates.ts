/**
 * Expressions parsed once per text and bound to each request's placeholders. Applications send
 * the same few expression texts over and over with other values, and parsing (tokens, recursive
 * descent, the checks of the text alone) was about a quarter of an UpdateItem's own time.
 *
 * A template is what the parser makes of a text, which depends on the text alone: `#name`
 * placeholders left in their paths as written, a stand-in for each `:value`, and the list of
 * both in reading order. Binding looks each one up in the request's maps in that order, so the
 * undefined ones are reported, and the used ones marked, exactly as a parse with the maps at
 * hand did; then each grammar's checks run on the bound tree, since they read the values.
 */
import type { AttributeValue } from '../attributeValue.js';
import type { DocumentPath, Operand, PathElement } from './ast.js';
import type { Issues } from './errors.js';
import type { PlaceholderRanks } from './parser.js';
import type { PlaceholderUsage } from './placeholders.js';

export interface ExpressionTemplate<Tree> {
  readonly tree: Tree;
  /** The problems the text alone shows (reserved words, redundant parentheses, a section twice). */
  readonly issues: Issues;
  /** `#name` and `:value` placeholders in reading order. */
  readonly placeholders: readonly string[];
  /** The `:value` placeholder each stand-in value of the tree stands for. */
  readonly standIns: ReadonlyMap<AttributeValue, string>;
}

/** More distinct texts than an application's hot paths use; beyond it the oldest template goes. */
const CAPACITY = 500;

/**
 * One grammar's templates by text. Shared by every emulator of the process rather than kept in
 * one's state: a template is a function of its text alone and never changes once made, so
 * sharing shows nothing of one emulator to another. Only texts that parse are kept.
 */
export class TemplateCache<Tree> {
  readonly #templates = new Map<string, ExpressionTemplate<Tree>>();

  get(text: string, parse: () => ExpressionTemplate<Tree>): ExpressionTemplate<Tree> {
    let template = this.#templates.get(text);
    if (template === undefined) {
      template = parse();
      if (this.#templates.size >= CAPACITY) this.#templates.delete(this.#templates.keys().next().value!);
      this.#templates.set(text, template);
    }
    return template;
  }
}

/** Stands in for an undefined `:value` so the checks can go on; its issue is always reported. */
const UNDEFINED_VALUE: AttributeValue = { NULL: true };

/** Binds one template to one request's placeholders; the grammars walk their own trees with it. */
export class Binder {
  /** The template's issues and the request's undefined placeholders, for the checks to add to. */
  readonly issues: Issues;

  constructor(
    private readonly template: ExpressionTemplate<unknown>,
    private readonly usage: PlaceholderUsage,
    ranks: PlaceholderRanks,
  ) {
    this.issues = template.issues.copy();
    for (const text of template.placeholders) {
      if (text.startsWith('#')) {
        if (usage.name(text) === undefined) {
          this.issues.add(ranks.undefinedName, `An expression attribute name used in the document path is not defined; attribute name: ${text}`);
        }
      } else if (usage.value(text) === undefined) {
        this.issues.add(ranks.undefinedValue, `An expression attribute value used in expression is not defined; attribute value: ${text}`);
      }
    }
  }

  /** False when the template has no placeholder: its tree is then the answer as it is. */
  get needed(): boolean {
    return this.template.placeholders.length > 0;
  }

  /** An undefined `#name` stays as written, as DynamoDB's messages quote it. */
  path(path: DocumentPath): DocumentPath {
    let bound: PathElement[] | undefined;
    for (let index = 0; index < path.length; index += 1) {
      const element = path[index]!;
      if (typeof element !== 'string' || !element.startsWith('#')) continue;
      bound ??= [...path];
      bound[index] = this.usage.name(element) ?? element;
    }
    return bound ?? path;
  }

  value(value: AttributeValue): AttributeValue {
    const placeholder = this.template.standIns.get(value);
    return placeholder === undefined ? value : (this.usage.value(placeholder) ?? UNDEFINED_VALUE);
  }

  operand(operand: Operand): Operand {
    switch (operand.kind) {
      case 'path': {
        const path = this.path(operand.path);
        return path === operand.path ? operand : { kind: 'path', path };
      }
      case 'value':
        return { kind: 'value', value: this.value(operand.value) };
      case 'function':
        return { kind: 'function', name: operand.name, args: operand.args.map((argument) => this.operand(argument)) };
      case 'arithmetic':
        return { kind: 'arithmetic', operator: operand.operator, left: this.operand(operand.left), right: this.operand(operand.right) };
    }
  }
}
