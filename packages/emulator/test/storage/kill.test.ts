/**
 * A write answered is a write kept: a child process serving writes through the aws-json codec
 * is killed with SIGKILL while writes are in flight, and every write it answered is there when
 * the directory is opened again. The next round's child opens the same directory (taking over
 * the dead child's lock).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openKv, tempDirectory } from './kvState.js';

const capped = tempDirectory('kumo-full-');

const ROUNDS = 5;
const WRITERS = 8;
const directory = tempDirectory('kumo-kill-');
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
  rmSync(capped, { recursive: true, force: true });
});

const sourceHooks = new URL('../../../core/src/supervisor/sourceHooks.mjs', import.meta.url).href;

const nodeArgs = ['--conditions=kumo-source', '--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', sourceHooks];
const serverModule = new URL('./kvServer.ts', import.meta.url).pathname;

async function startChild(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(serverModule, [directory], { execArgv: nodeArgs, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, port: message.port };
}

/** A child whose files may not grow past `kib` KiB (ulimit -f): its journal writes fail with EFBIG past that, as on a full disk. */
async function startCappedChild(on: string, kib: number): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  const child = spawn('bash', ['-c', `ulimit -f ${kib}; exec "$0" "$@"`, process.execPath, ...nodeArgs, serverModule, on], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, port: message.port, stderr: () => stderr };
}

async function send(port: number, key: string, value: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'KvService.Set' },
    body: JSON.stringify({ key, value }),
  });
  return { status: response.status, body: await response.text() };
}

async function set(port: number, key: string, value: string): Promise<boolean> {
  return send(port, key, value).then(
    (response) => response.status === 200,
    () => false,
  );
}

describe('a hard kill', () => {
  it(`loses no answered write (${ROUNDS} kills)`, async () => {
    const answered = new Map<string, string>();
    let kills = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const { child, port } = await startChild();
      const exited = once(child, 'exit');
      // Kill after a varying number of answers, with writes of every writer still in flight.
      const killAfter = 20 + Math.floor(Math.random() * 60);
      let answers = 0;
      let killed = false;
      const writer = async (id: number): Promise<void> => {
        for (let sequence = 0; !killed; sequence += 1) {
          const key = `r${round}-w${id}-${sequence}`;
          if (!(await set(port, key, `${round}:${sequence}`))) return;
          answered.set(key, `${round}:${sequence}`);
          answers += 1;
          if (answers >= killAfter && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, id) => writer(id)));
      await exited;
      kills += 1;
      const { store, kv } = await openKv(directory);
      const missing = [...answered].filter(([key, value]) => kv.entries.get(key) !== value);
      expect(missing, `round ${round}`).toEqual([]);
      await store.close();
    }
    console.log(`kill test: ${kills} SIGKILLs, ${answered.size} answered writes, all present after restart`);
    expect(kills).toBe(ROUNDS);
  });
});

describe('a disk that refuses a write', () => {
  it('answers InternalServerError to the writes it could not keep, logs it, and keeps every write it answered', async () => {
    const { child, port, stderr } = await startCappedChild(capped, 8);
    const answered = new Map<string, string>();
    let refused: { status: number; body: string } | undefined;
    for (let index = 0; index < 100 && !refused; index += 1) {
      const value = `${index}:${'x'.repeat(1000)}`;
      const response = await send(port, `k${index}`, value);
      if (response.status === 200) answered.set(`k${index}`, value);
      else refused = response;
    }
    expect(refused).toEqual({ status: 500, body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' }) });
    // Still full: the next write is refused too, not answered as if kept.
    expect((await send(port, 'after', 'x'.repeat(1000))).status).toBe(500);
    expect(stderr()).toMatch(/could not write to the journal of .* \(.*EFBIG.*\): the requests waiting for it are answered InternalError/);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    const { store, kv } = await openKv(capped);
    expect(answered.size).toBeGreaterThan(0);
    for (const [key, value] of answered) expect(kv.entries.get(key)).toBe(value);
    await store.close();
  });
});
