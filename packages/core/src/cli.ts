/**
 * The `kumo-testkit` command line. `serve` runs the emulator in the foreground, the way the
 * KUMO binary does, honouring KUMO_HOST, KUMO_PORT, KUMO_DATA_DIR and
 * KUMO_PERSIST_FLUSH_INTERVAL_MS; with a data directory its state is durable there. `inspect`
 * and `reset` look at and empty a data directory.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { inspectDataDir, resetDataDir, startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { describeStored } from './report.js';

const USAGE = `Usage: kumo-testkit <command> [options]

Commands:
  serve    Run the emulator (S3 and DynamoDB; SQS is next) in the foreground.
           --port <p>                TCP port (env KUMO_PORT; default 4566; 0 picks a free one)
           --host <h>                bind address (env KUMO_HOST; default 127.0.0.1; 0.0.0.0 to expose it)
           --data-dir <d>            keep state in this directory, durably (env KUMO_DATA_DIR);
                                     without it, state lives in memory and goes with the process
           --flush-interval-ms <n>   with --data-dir: answer writes at once and flush every n ms
                                     (env KUMO_PERSIST_FLUSH_INTERVAL_MS; default 0: every write
                                     is on disk before it is answered)
  inspect  Show what a data directory holds: buckets, tables, counts, bytes, who holds it.
           --data-dir <d>            the directory (env KUMO_DATA_DIR)
  reset    Empty a data directory; refused while an emulator holds it.
           --data-dir <d>            the directory (env KUMO_DATA_DIR)
  help     Print this text.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest, env);
    case 'inspect':
      return inspect(rest, env);
    case 'reset':
      return reset(rest, env);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`kumo-testkit: unknown command "${command}". Run "kumo-testkit help" for the commands.\n`);
      return 2;
  }
}

interface ServeSettings {
  host: string;
  port: number;
  dataDir: string | undefined;
  flushIntervalMs: number;
}

export function serveSettings(argv: string[], env: NodeJS.ProcessEnv): ServeSettings {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, 'flush-interval-ms': { type: 'string' } },
    strict: true,
  });
  const portText = values.port ?? env.KUMO_PORT ?? '4566';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`the port "${portText}" is not a TCP port number; give --port (or KUMO_PORT) a number from 0 to 65535.`);
  }
  const flushText = values['flush-interval-ms'] ?? env.KUMO_PERSIST_FLUSH_INTERVAL_MS ?? '0';
  if (!/^\d{1,9}$/.test(flushText)) {
    throw new Error(`the flush interval "${flushText}" is not a number of milliseconds; give --flush-interval-ms (or KUMO_PERSIST_FLUSH_INTERVAL_MS) 0 or a whole number.`);
  }
  const dataDir = values['data-dir'] ?? env.KUMO_DATA_DIR;
  return { host: values.host ?? env.KUMO_HOST ?? '127.0.0.1', port, dataDir: dataDir ? resolve(dataDir) : undefined, flushIntervalMs: Number(flushText) };
}

async function serve(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let settings: ServeSettings;
  try {
    settings = serveSettings(argv, env);
  } catch (error) {
    process.stderr.write(`kumo-testkit serve: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let emulator: RunningEmulator;
  try {
    const storage = settings.dataDir ? { dataDir: settings.dataDir, flushIntervalMs: settings.flushIntervalMs } : {};
    emulator = await startEmulator({ host: settings.host, port: settings.port, ...storage });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE'
        ? `port ${settings.port} is already in use; stop what listens there or pass another --port (0 picks a free one).`
        : (error as Error).message;
    process.stderr.write(`kumo-testkit serve: could not start the emulator on ${settings.host}:${settings.port}: ${hint}\n`);
    return 1;
  }
  const state = !settings.dataDir
    ? 'state in memory'
    : `state in ${settings.dataDir}, ${settings.flushIntervalMs > 0 ? `flushed every ${settings.flushIntervalMs} ms` : 'every write on disk before it is answered'}`;
  process.stdout.write(`kumo-testkit emulator ready at ${emulator.endpoint} (services: s3, dynamodb; ${state})\n`);

  await new Promise<void>((resolveStop) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.stdout.write(`kumo-testkit emulator stopping (${signal})\n`);
      resolveStop();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  const report = await emulator.stop();
  process.stdout.write(report.persisted ? `kumo-testkit emulator stopped; state flushed to ${report.persisted.directory}: ${describeStored(report.persisted)}\n` : 'kumo-testkit emulator stopped\n');
  return 0;
}

/**
 * Runs a command on the data directory `--data-dir` (or KUMO_DATA_DIR) names: exit 2 with the
 * usage when none is given, 1 with the reason when `action` fails, else what it printed and 0.
 */
async function onDataDir(command: string, argv: string[], env: NodeJS.ProcessEnv, action: (directory: string) => Promise<string>): Promise<number> {
  let directory: string;
  try {
    const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true });
    const given = values['data-dir'] ?? env.KUMO_DATA_DIR;
    if (!given) throw new Error(`${command} needs a data directory: pass --data-dir <d> (or set KUMO_DATA_DIR).`);
    directory = resolve(given);
  } catch (error) {
    process.stderr.write(`kumo-testkit ${command}: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    process.stdout.write(`${await action(directory)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`kumo-testkit ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

function inspect(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return onDataDir('inspect', argv, env, async (directory) => {
    const found = await inspectDataDir(directory);
    const holder = found.lockHolder
      ? `held by pid ${found.lockHolder.pid} on ${found.lockHolder.host} since ${found.lockHolder.since}${found.lockHolder.alive ? '' : ' (not running: the next emulator takes it over)'}`
      : 'not held by any emulator';
    const lines = [
      `kumo-testkit: data directory ${directory}: ${holder}; snapshot ${found.snapshotBytes} bytes, journal ${found.journalBytes} bytes`,
      ...['bucket', 'table', 'queue'].flatMap((kind) => {
        const resources = found.resources.filter((resource) => resource.kind === kind);
        const unit = kind === 'bucket' ? 'object(s)' : kind === 'table' ? 'item(s)' : 'message(s)';
        const service = kind === 'bucket' ? 's3' : kind === 'table' ? 'dynamodb' : 'sqs';
        return resources.length === 0
          ? []
          : [`${service}: ${resources.length} ${kind}(s)`, ...resources.map((resource) => `  ${resource.name}: ${resource.count} ${unit}, ${resource.bytes} bytes`)];
      }),
    ];
    if (found.resources.length === 0) lines.push('(no buckets, tables or queues)');
    return lines.join('\n');
  });
}

function reset(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return onDataDir('reset', argv, env, async (directory) => {
    await resetDataDir(directory);
    return `kumo-testkit: data directory ${directory} reset: every bucket, table and queue in it is gone.`;
  });
}
