/**
 * The embedded backend: the project's own emulator, one process per worker slot, owned by the
 * run's supervisor so that it outlives test files and dies with the run. A worker asks the
 * supervisor over its control channel (finding or starting it first). A slot that already has
 * its emulator needs no question: the supervisor records each running emulator in a lease file
 * next to the rendezvous, and a new worker process of the slot (one per file with vitest's
 * isolation) reads it, a file read instead of a round trip. A lease whose emulator process is
 * gone is not used: the supervisor is asked, and starts the slot a new one.
 */
import { Agent, request } from 'node:http';
import type { Cleaner, CleanupResult } from '../cleanup.js';
import type { Connection } from '../clients.js';
import type { ServiceName } from '../config/options.js';
import { KumoError } from '../errors.js';
import { findOrStartSupervisor, readJson, type Rendezvous } from '../supervisor/rendezvous.js';
import { isAlive, privateRunDirectory, runnerMainPid, slotLeasePath } from '../supervisor/runDirectory.js';
import type { CleanupAnswer, EmulatorRecord, RunRecord, RunReportTarget, StorageRequest } from '../supervisor/runRecord.js';
import type { ResolvedConfig } from '../config/options.js';
import type { EmulatorBackend, EmulatorLease } from './backend.js';

export interface RunOwnerOptions {
  /** The runner's main process; by default as runnerMainPid() says. */
  mainPid?: number;
  /** Where run files are kept; by default a directory under os.tmpdir() private to the user. */
  runDirectory?: string;
}

export class EmbeddedBackend implements EmulatorBackend {
  private readonly owner: RunOwner;

  constructor(options: RunOwnerOptions = {}) {
    this.owner = new RunOwner(options);
  }

  async acquire(config: ResolvedConfig, slot: string): Promise<EmulatorLease> {
    const report: RunReportTarget = { dir: config.reportDir, logLevel: config.logLevel };
    const storage: StorageRequest = { mode: config.mode, dataDir: config.dataDir, flushIntervalMs: config.flushIntervalMs };
    // A slot that already runs its emulator is read from its lease file: no round trip to the supervisor.
    const emulator = this.owner.runningEmulator(slot) ?? (await this.owner.call<EmulatorRecord>('POST', '/acquire', { slot, region: config.region, report, storage }));
    return {
      runId: await this.owner.runId(),
      endpoint: emulator.endpoint,
      backend: 'embedded',
      mode: config.mode,
      dataDir: emulator.dataDir,
      services: config.services.filter((service) => emulator.services.includes(service)),
    };
  }

  /** Cleans through the run's supervisor, which keeps its SDK clients warm from one file to the next. */
  remoteCleaner(connection: Connection): Cleaner {
    return { clean: (namespaceId, services) => this.owner.clean(connection, namespaceId, services), destroy: () => undefined };
  }
}

/** The run's supervisor as a worker sees it: found (or started) on first use, then kept. */
export class RunOwner {
  private rendezvous: Promise<Rendezvous> | undefined;
  private readonly agent = new Agent({ keepAlive: true });
  private directory: string | undefined;
  readonly mainPid: number;

  constructor(private readonly options: RunOwnerOptions = {}) {
    this.mainPid = options.mainPid ?? runnerMainPid();
  }

  /** The slot's emulator as its lease file records it, if there is one and its process still runs. */
  runningEmulator(slot: string): EmulatorRecord | undefined {
    const lease = readJson<EmulatorRecord>(slotLeasePath(this.runDirectory(), this.mainPid, slot));
    return lease && isAlive(lease.pid) ? lease : undefined;
  }

  /** What the run's supervisor did so far: its emulators (slot, pid, endpoint, data directory, when). */
  describeRun(): Promise<RunRecord> {
    return this.call<RunRecord>('GET', '/run');
  }

  /** Stops every emulator of the run now (the runner's end), and answers the final record. */
  stopRun(): Promise<RunRecord> {
    return this.call<RunRecord>('POST', '/stop');
  }

  /** Has the supervisor clean a namespace on one of its emulators; like every cleanup, never throws. */
  async clean(connection: Connection, namespaceId: string, services: ServiceName[]): Promise<CleanupResult> {
    try {
      const answer = await this.call<CleanupAnswer>('POST', '/clean', { connection, namespaceId, services });
      return { ...answer, errors: answer.errors.map((message) => new KumoError(message)) };
    } catch (error) {
      return { deleted: [], leaks: [], errors: [error as Error], unavailable: [] };
    }
  }

  /** The id the run's supervisor minted for the run. */
  async runId(): Promise<string> {
    return (await this.found()).runId;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const rendezvous = await this.found();
    const answer = await controlRequest(this.agent, rendezvous, method, path, body).catch((error: Error) => {
      // The supervisor went away (killed): the next call looks for (or starts) a new one.
      this.rendezvous = undefined;
      throw new KumoError(`the kumo-testkit supervisor of this run (pid ${rendezvous.supervisorPid}) did not answer (${error.message}); it was stopped or killed, and its emulators with it. Run the tests again.`);
    });
    if (answer.status !== 200) throw new KumoError((answer.body as { message: string }).message);
    return answer.body as T;
  }

  private async found(): Promise<Rendezvous> {
    this.rendezvous ??= findOrStartSupervisor(this.runDirectory(), this.mainPid);
    try {
      return await this.rendezvous;
    } catch (error) {
      this.rendezvous = undefined;
      throw error;
    }
  }

  private runDirectory(): string {
    this.directory ??= this.options.runDirectory ?? privateRunDirectory();
    return this.directory;
  }
}

function controlRequest(agent: Agent, rendezvous: Rendezvous, method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${rendezvous.control}${path}`, { method, agent, headers: { 'x-kumo-token': rendezvous.token, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
