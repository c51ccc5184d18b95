/**
 * The toolkit's one error type: its message says what happened, why, and what to do. Engineer
 * CORE owns this module in issue 4; this is the shape its contract names, so that the backend can
 * raise it before the two branches meet.
 */
export class KumoError extends Error {
  override readonly name = 'KumoError';
}
