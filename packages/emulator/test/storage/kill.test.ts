/**
 * A write answered is a write kept: a child process serving writes through the aws-json codec
 * is killed with SIGKILL while writes are in flight, and every write it answered is there when
 * the directory is opened again. The next round's child opens the same directory (taking over
 * the dead child's lock).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openKv, tempDirectory } from './kvState.js';

const ROUNDS = 5;
const WRITERS = 8;
const directory = tempDirectory('kumo-kill-');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const sourceHooks = new URL('../../../core/src/supervisor/sourceHooks.mjs', import.meta.url).href;

async function startChild(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL('./kvServer.ts', import.meta.url).pathname, [directory], {
    execArgv: ['--conditions=kumo-source', '--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', sourceHooks],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, port: message.port };
}

async function set(port: number, key: string, value: string): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'KvService.Set' },
      body: JSON.stringify({ key, value }),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
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
