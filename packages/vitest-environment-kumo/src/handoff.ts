/**
 * vitest loads the environment module and the test file's modules through two different module
 * runners, so `vitest-environment-kumo` is evaluated twice in one worker and module state is not
 * shared. The environment publishes the worker's session on the global object it is given; the
 * fixtures read it from there.
 */
import { KumoError, type FileSession, type KumoWorker } from '@kumo-testkit/core';

const KEY = Symbol.for('vitest-environment-kumo.worker');

/** The worker's kumo and the file running in it now. */
export class WorkerHandoff {
  private current: FileSession | undefined;
  private readonly abandoned: Promise<Error[]>[] = [];

  constructor(readonly worker: KumoWorker) {}

  /** The session of `file`, opened on first use. */
  session(file: string): FileSession {
    if (this.current && this.current.file === file && !this.current.closed) return this.current;
    // A file whose fixtures never ran (its beforeAll threw before any test) is cleaned here.
    if (this.current && !this.current.closed) this.abandoned.push(this.current.close());
    this.current = this.worker.openFile(file);
    return this.current;
  }

  /** Closes whatever file is still open and puts the worker's clock and variables back. */
  async close(): Promise<Error[]> {
    const results = await Promise.all([...this.abandoned, this.current?.close() ?? Promise.resolve([])]);
    this.worker.close();
    return results.flat();
  }
}

export function publish(global: typeof globalThis, handoff: WorkerHandoff): void {
  Object.defineProperty(global, KEY, { value: handoff, configurable: true, enumerable: false, writable: false });
}

export function unpublish(global: typeof globalThis): void {
  delete (global as Record<symbol, unknown>)[KEY];
}

export function published(): boolean {
  return KEY in globalThis;
}

export function handoff(): WorkerHandoff {
  const found = (globalThis as Record<symbol, unknown>)[KEY] as WorkerHandoff | undefined;
  if (!found) {
    throw new KumoError(
      "The kumo fixtures (s3, ddb, doc, sqs, ns, clock, ids, kumo) were used in a test file that does not run in the kumo environment. " +
        "Set `test: { environment: 'kumo' }` in the vitest config (or `// @vitest-environment kumo` at the top of the file).",
    );
  }
  return found;
}
