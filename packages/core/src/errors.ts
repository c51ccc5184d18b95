/**
 * The toolkit's one error type. Its message says what happened, why, and what to do, in one
 * piece, because a runner prints only the message when setup fails before any test.
 */
export class KumoError extends Error {
  override readonly name = 'KumoError';

  /** Every problem found when several were checked at once (e.g. all of a config's options); one entry otherwise. */
  readonly problems: readonly string[];

  constructor(message: string, options: ErrorOptions & { problems?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.problems = options.problems ?? [message];
  }
}
