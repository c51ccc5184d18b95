/**
 * ProjectionExpression: a comma-separated list of document paths
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html).
 */
import type { DocumentPath, Projection } from './ast.js';
import { Issues } from './errors.js';
import { ExpressionParser } from './parser.js';
import { checkOverlaps } from './paths.js';
import type { PlaceholderUsage } from './placeholders.js';

const RANKS = { reserved: 0, undefinedName: 1, undefinedValue: 1, overlap: 2, conflict: 3 };

export function compileProjection(text: string, usage: PlaceholderUsage): Projection {
  const issues = new Issues();
  const paths = new ProjectionParser(text, usage, issues).parse();
  checkOverlaps(paths, issues, RANKS);
  issues.throwFirst('ProjectionExpression');
  return { paths };
}

class ProjectionParser extends ExpressionParser {
  constructor(text: string, usage: PlaceholderUsage, issues: Issues) {
    super('ProjectionExpression', text, usage, issues, new Set(), RANKS);
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
