/**
 * ProjectionExpression: a comma-separated list of document paths
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html).
 */
import type { DocumentPath, Projection } from './ast.js';
import { Issues } from './errors.js';
import { ExpressionParser } from './parser.js';
import { checkOverlaps } from './paths.js';
import type { PlaceholderUsage } from './placeholders.js';
import { Binder, TemplateCache, type ExpressionTemplate } from './templates.js';

const RANKS = { reserved: 0, undefinedName: 1, undefinedValue: 1, overlap: 2, conflict: 3 };

const templates = new TemplateCache<readonly DocumentPath[]>();

/** Parses (once per text) and checks a projection; throws DynamoDB's ValidationException for the first problem. */
export function compileProjection(text: string, usage: PlaceholderUsage): Projection {
  const template = templates.get(text, () => parseProjection(text));
  const binder = new Binder(template, usage, RANKS);
  const paths = binder.needed ? template.tree.map((path) => binder.path(path)) : template.tree;
  checkOverlaps(paths, binder.issues, RANKS);
  binder.issues.throwFirst('ProjectionExpression');
  return { paths };
}

function parseProjection(text: string): ExpressionTemplate<readonly DocumentPath[]> {
  const issues = new Issues();
  const parser = new ProjectionParser(text, issues);
  return { tree: parser.parse(), issues, placeholders: parser.placeholders, standIns: parser.standIns };
}

class ProjectionParser extends ExpressionParser {
  constructor(text: string, issues: Issues) {
    super('ProjectionExpression', text, issues, new Set(), RANKS);
  }

  parse(): DocumentPath[] {
    const paths = [this.parsePath()];
    while (this.atSymbol(',')) {
      this.next();
      paths.push(this.parsePath());
    }
    this.expectEnd();
    return paths;
  }
}
