/**
 * DynamoDB's expression errors: every one is a 400 ValidationException whose message names the
 * parameter ("Invalid UpdateExpression: ...").
 */
import { AwsError } from '../../errors.js';

export type ExpressionKind =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'ProjectionExpression'
  | 'UpdateExpression';

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

export function invalidExpression(kind: ExpressionKind, message: string): AwsError {
  return validationError(`Invalid ${kind}: ${message}`);
}

/**
 * The semantic problems found in one expression. DynamoDB parses the whole expression first
 * (a syntax error always wins) and then reports one problem by category: redundant
 * parentheses before unknown functions before reserved words, and so on. Each grammar gives
 * its categories a rank (lower is reported first); within a rank the first problem found, in
 * reading order, is the one reported.
 */
export class Issues {
  #rank = Number.POSITIVE_INFINITY;
  #message: string | undefined;

  add(rank: number, message: string): void {
    if (rank < this.#rank) {
      this.#rank = rank;
      this.#message = message;
    }
  }

  /** A copy to add to, leaving this one as it is (a template's issues serve every request). */
  copy(): Issues {
    const copy = new Issues();
    if (this.#message !== undefined) copy.add(this.#rank, this.#message);
    return copy;
  }

  throwFirst(kind: ExpressionKind): void {
    if (this.#message !== undefined) throw invalidExpression(kind, this.#message);
  }
}
