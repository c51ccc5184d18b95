/**
 * The `kumo-testkit` command line. `serve` runs the emulator in the foreground, the way the
 * KUMO binary does, honouring KUMO_HOST, KUMO_PORT and KUMO_DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startEmulator } from '@kumo-testkit/emulator';

const USAGE = `Usage: kumo-testkit <command> [options]

Commands:
  serve    Run the emulator (S3 and DynamoDB; SQS is next) in the foreground.
           --port <p>       TCP port (env KUMO_PORT; default 4566; 0 picks a free one)
           --host <h>       bind address (env KUMO_HOST; default 127.0.0.1; 0.0.0.0 to expose it)
           --data-dir <d>   where large object bodies are kept (env KUMO_DATA_DIR)
  help     Print this text.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest, env);
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
}

export function serveSettings(argv: string[], env: NodeJS.ProcessEnv): ServeSettings {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const portText = values.port ?? env.KUMO_PORT ?? '4566';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`the port "${portText}" is not a TCP port number; give --port (or KUMO_PORT) a number from 0 to 65535.`);
  }
  const dataDir = values['data-dir'] ?? env.KUMO_DATA_DIR;
  return { host: values.host ?? env.KUMO_HOST ?? '127.0.0.1', port, dataDir: dataDir ? resolve(dataDir) : undefined };
}

async function serve(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let settings: ServeSettings;
  try {
    settings = serveSettings(argv, env);
  } catch (error) {
    process.stderr.write(`kumo-testkit serve: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let emulator;
  try {
    emulator = await startEmulator({ host: settings.host, port: settings.port, scratchDir: settings.dataDir });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE'
        ? `port ${settings.port} is already in use; stop what listens there or pass another --port (0 picks a free one).`
        : (error as Error).message;
    process.stderr.write(`kumo-testkit serve: could not start the emulator on ${settings.host}:${settings.port}: ${hint}\n`);
    return 1;
  }
  const bodies = settings.dataDir ? `large bodies under ${settings.dataDir}` : 'large bodies in a temporary directory';
  process.stdout.write(`kumo-testkit emulator ready at ${emulator.endpoint} (services: s3, dynamodb; state in memory, ${bodies})\n`);

  await new Promise<void>((resolveStop) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.stdout.write(`kumo-testkit emulator stopping (${signal})\n`);
      resolveStop();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await emulator.stop();
  process.stdout.write('kumo-testkit emulator stopped\n');
  return 0;
}
