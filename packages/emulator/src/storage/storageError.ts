/**
 * The one error the durable store raises to the user: a data directory it cannot use (held by
 * another process, unreadable, written by a newer format, naming a service this emulator does
 * not run) or a write it could not make durable. Not an AwsError: it never travels on the wire
 * as such (a request whose write failed gets the service's InternalError); it stops a start,
 * a CLI command or a stop, and its message says what happened, why and what to do.
 */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}
