/**
 * The runner-agnostic life of a test worker and of each test file it runs. Both runner adapters
 * are thin layers over this module: they call `openWorker` when their environment is set up,
 * `worker.openFile` when a file starts, `beginTest` / `endTest` around each test and `close`
 * at the end, and hand the objects below to tests as fixtures (vitest) or globals (jest).
 */
import { describeCalls } from './callLog.js';
import { createCleaner, type Cleaner, type ResourceRef } from './cleanup.js';
import { clientConfig, createClients, TEST_CREDENTIALS, type Clients, type Connection } from './clients.js';
import { resolveConfig, type ResolvedConfig, type ServiceName } from './config/options.js';
import { KumoError } from './errors.js';
import { createIds, type Ids } from './ids.js';
import { createNamespace, type Namespace } from './namespace.js';
import { RunReport, type FileReport } from './report.js';
import { TestClock } from './testClock.js';
import { EnvScope } from './workerEnv.js';
import { backendFor } from './backend/index.js';
import type { EmulatorBackend, EmulatorLease } from './backend/backend.js';

export interface WorkerInput {
  runner: 'vitest' | 'jest';
  /** The runner's environment options object; kumo reads its `kumo` member. */
  environmentOptions: unknown;
  /** Where KUMO_* overrides are read from (the worker's process.env). */
  env: NodeJS.ProcessEnv;
  rootDir: string;
  /** VITEST_POOL_ID / JEST_WORKER_ID. */
  slot: string;
  /** Where the emulator comes from; by default the backend the configuration names. */
  backend?: EmulatorBackend;
  /**
   * Whether the worker process runs one file and exits (vitest's isolation, the default), asked
   * when the first file is cleaned (vitest tells only then). Its cleanup then runs where the
   * backend keeps SDK clients warm (EmulatorBackend.remoteCleaner), when it has one.
   */
  oneFilePerProcess?: () => boolean;
}

/** What the `kumo` fixture (and `globalThis.kumo` in jest) tells a test about its emulator. */
export interface KumoInfo {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly backend: string;
  readonly mode: string;
  /** The settings of an SDK client that talks to this emulator (path-style S3). */
  clientConfig(): ReturnType<typeof clientConfig>;
}

/**
 * One test worker's kumo: configuration resolved once, the slot's emulator, the frozen clock and
 * the variables application code reads. A runner that builds one environment per file (jest)
 * opens one per file; vitest opens one per worker and runs many files through it.
 */
export class KumoWorker {
  readonly connection: Connection;
  readonly info: KumoInfo;
  readonly clock: TestClock;
  readonly env: EnvScope;
  private chosenCleaner: Cleaner | undefined;
  /**
   * What cleanup looks at: the configured services the lease says the emulator serves, less any
   * it answered UnknownOperationException for since.
   */
  cleanedServices: ServiceName[];
  /**
   * Whether a namespace's resources are deleted after its scope: in ephemeral mode only. A
   * persistent or hybrid run keeps what it wrote in the data directory, to be inspected later.
   */
  readonly cleansUp: boolean;
  /** Hybrid mode salts namespaces with the run's id: a run never meets a previous run's data. */
  readonly namespaceSalt: string | undefined;

  private constructor(
    readonly input: WorkerInput,
    readonly config: ResolvedConfig,
    readonly lease: EmulatorLease,
    readonly report: RunReport,
    targets: WorkerTargets,
    private readonly backend: EmulatorBackend,
  ) {
    this.connection = { endpoint: lease.endpoint, region: config.region, credentials: { ...TEST_CREDENTIALS } };
    const connection = this.connection;
    this.info = {
      endpoint: lease.endpoint,
      region: config.region,
      credentials: TEST_CREDENTIALS,
      backend: lease.backend,
      mode: lease.mode,
      clientConfig: () => clientConfig(connection),
    };
    this.cleanedServices = [...lease.services];
    this.cleansUp = config.mode === 'ephemeral';
    this.namespaceSalt = config.mode === 'hybrid' ? lease.runId : undefined;
    this.env = new EnvScope(targets.env);
    this.env.set('AWS_ENDPOINT_URL', connection.endpoint);
    this.env.set('AWS_REGION', connection.region);
    this.env.set('AWS_ACCESS_KEY_ID', connection.credentials.accessKeyId);
    this.env.set('AWS_SECRET_ACCESS_KEY', connection.credentials.secretAccessKey);
    this.clock = new TestClock(config.clock, config.fakeTimers, targets.global);
    this.clock.install();
  }

  /**
   * Resolves the options (a bad one throws a KumoError naming it), acquires the slot's emulator,
   * sets the AWS variables in `targets.env` and freezes `targets.global`'s clock.
   */
  static async open(input: WorkerInput, targets: WorkerTargets): Promise<KumoWorker> {
    const options = (input.environmentOptions as { kumo?: unknown } | undefined)?.kumo ?? {};
    const config = resolveConfig(options, input.env, input.rootDir);
    const backend = input.backend ?? backendFor(config);
    const lease = await backend.acquire(config, input.slot);
    const report = new RunReport(config, lease.runId);
    report.announce(lease, input.slot);
    return new KumoWorker(input, config, lease, report, targets, backend);
  }

  /** Keeps its SDK clients from one file's cleanup to the next (or has the backend's long-lived process clean). */
  get cleaner(): Cleaner {
    this.chosenCleaner ??= this.input.oneFilePerProcess?.() && this.backend.remoteCleaner ? this.backend.remoteCleaner(this.connection) : createCleaner(this.connection);
    return this.chosenCleaner;
  }

  /** Starts a test file, named by its path relative to the root (the seed of its namespace and ids). */
  openFile(file: string): FileSession {
    return new FileSession(this, file.split('\\').join('/'));
  }

  /** Puts the clock and the variables back. */
  close(): void {
    this.chosenCleaner?.destroy();
    this.clock.uninstall();
    this.env.restore();
  }
}

/** Where a worker's settings go: the env objects tests see and the global whose Date is frozen. */
export interface WorkerTargets {
  env: readonly NodeJS.ProcessEnv[];
  global: typeof globalThis;
}

export interface TestEnd {
  /** Lines to append to a failed test's output: the emulator's last calls in its namespace. */
  failureContext?: string;
  /** Cleanup or leak errors, to report next to the test's own. */
  errors: Error[];
}

/** One test file: per-file namespace (and per-test ones with `namespace: 'test'`), ids, clients. */
export class FileSession {
  readonly fileNamespace: Namespace;
  private testNamespace: Namespace | undefined;
  private currentIds: Ids;
  private lazyClients: Clients | undefined;
  private readonly created: ResourceRef[] = [];
  private readonly deleted: ResourceRef[] = [];
  private readonly leaks: ResourceRef[] = [];
  private readonly testNamespaces: string[] = [];
  private readonly opened = performance.now();
  private closing: Promise<Error[]> | undefined;

  constructor(
    readonly worker: KumoWorker,
    /** The file's path relative to the root, with forward slashes. */
    readonly file: string,
  ) {
    const { config } = worker;
    this.fileNamespace = createNamespace({ scopeKey: file, seed: config.seed, salt: worker.namespaceSalt });
    this.currentIds = createIds(`${config.seed}\u0000${file}`);
    worker.clock.reset();
    worker.env.set('KUMO_NAMESPACE', this.fileNamespace.id);
  }

  /** The namespace tests and hooks write into now: the test's with `namespace: 'test'`, else the file's. */
  get ns(): Namespace {
    return this.testNamespace ?? this.fileNamespace;
  }

  get ids(): Ids {
    return this.currentIds;
  }

  get clock(): TestClock {
    return this.worker.clock;
  }

  /** SDK clients, created on first use. */
  get clients(): Clients {
    this.lazyClients ??= createClients(this.worker.connection, this.worker.clock);
    return this.lazyClients;
  }

  get kumo(): KumoInfo {
    return this.worker.info;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Every test starts at the configured instant, with ids seeded by its name (and its own namespace if asked). */
  beginTest(fullName: string): void {
    const scopeKey = `${this.file} > ${fullName}`;
    this.worker.clock.reset();
    this.currentIds = createIds(`${this.worker.config.seed}\u0000${scopeKey}`);
    if (this.worker.config.namespace === 'test') {
      this.testNamespace = createNamespace({ scopeKey, seed: this.worker.config.seed, salt: this.worker.namespaceSalt });
      this.testNamespaces.push(this.testNamespace.id);
      this.worker.env.set('KUMO_NAMESPACE', this.testNamespace.id);
    }
  }

  /** After a test and its hooks: failure context if it failed, then its namespace's cleanup (ephemeral mode). */
  async endTest(failed: boolean): Promise<TestEnd> {
    const namespace = this.ns;
    const failureContext = failed ? await describeCalls(this.worker.connection.endpoint, namespace.id) : undefined;
    let errors: Error[] = [];
    if (this.testNamespace) {
      this.testNamespace = undefined;
      this.worker.env.set('KUMO_NAMESPACE', this.fileNamespace.id);
      errors = await this.clean(namespace);
    }
    this.currentIds = createIds(`${this.worker.config.seed}\u0000${this.file}`);
    return failureContext === undefined ? { errors } : { failureContext, errors };
  }

  /**
   * Ends the file: cleans its namespaces (ephemeral mode), checks for leaks, destroys its clients and records the
   * file in the run report. Idempotent: a second call returns the first one's errors.
   */
  close(): Promise<Error[]> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<Error[]> {
    const cleanupStarted = performance.now();
    const errors: Error[] = [];
    const testNamespace = this.testNamespace;
    this.testNamespace = undefined;
    if (testNamespace) errors.push(...(await this.clean(testNamespace)));
    errors.push(...(await this.clean(this.fileNamespace)));
    const cleanupMs = performance.now() - cleanupStarted;
    this.lazyClients?.destroy();
    const report: FileReport = {
      file: this.file,
      runner: this.worker.input.runner,
      slot: this.worker.input.slot,
      namespace: this.fileNamespace.id,
      testNamespaces: this.testNamespaces,
      created: this.created,
      deleted: this.deleted,
      leaks: this.leaks,
      errors: errors.map((error) => error.message),
      durations: { totalMs: round(performance.now() - this.opened), cleanupMs: round(cleanupMs) },
    };
    try {
      this.worker.report.recordFile(report);
    } catch (error) {
      errors.push(
        new KumoError(
          `kumo could not write the run report in ${this.worker.config.reportDir}: ${(error as Error).message}. Check that the directory is writable or set reportDir to one that is.`,
        ),
      );
    }
    return errors;
  }
  private async clean(namespace: Namespace): Promise<Error[]> {
    if (!this.worker.cleansUp) return [];
    const result = await this.worker.cleaner.clean(namespace.id, this.worker.cleanedServices);
    // A service the lease named that the emulator then said it does not serve holds nothing: later files skip asking.
    if (result.unavailable.length > 0) this.worker.cleanedServices = this.worker.cleanedServices.filter((service) => !result.unavailable.includes(service));
    // Everything cleanup found was made by this file: a namespace holds nothing else.
    this.created.push(...result.deleted, ...result.leaks);
    this.deleted.push(...result.deleted);
    this.leaks.push(...result.leaks);
    const errors = [...result.errors];
    if (result.leaks.length > 0) {
      const names = result.leaks.map((leak) => `${leak.kind} ${leak.name}`).join(', ');
      errors.push(
        new KumoError(
          `kumo cleanup left ${result.leaks.length} resource(s) of namespace ${namespace.id} behind: ${names}. ` +
            'They could not be deleted through the AWS API (see the errors above); delete them by hand or restart the run.',
        ),
      );
    }
    return errors;
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
