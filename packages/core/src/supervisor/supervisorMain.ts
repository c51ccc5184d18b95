/**
 * The supervisor process of one runner run: `<runner main pid> <private run directory>`. Started
 * detached by the first worker that needs an emulator; serves acquires on its control channel;
 * when the runner's main process is gone (or the runner asks it to stop), stops every emulator,
 * removes their data and the run's rendezvous files, and exits.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startControl } from './control.js';
import { readJson, writeJsonAtomically, type LockContent, type Rendezvous } from './rendezvous.js';
import { isAlive, runPaths, slotLeasePath, supervisorDataDir } from './runDirectory.js';
import { Supervisor } from './supervisor.js';

/** How often the runner's main process is looked for: the bound on how long emulators outlive it. */
const WATCH_MS = 100;

const mainPid = Number(process.argv[2]);
const dir = process.argv[3];
if (!Number.isInteger(mainPid) || mainPid <= 0 || !dir) {
  process.stderr.write('kumo-testkit supervisor: started by a test worker with a runner pid and a run directory, not by hand.\n');
  process.exit(2);
}
const paths = runPaths(dir, mainPid);
// A worker that started this process and died before recording it let another worker take the run.
if (readJson<LockContent>(paths.lock)?.supervisor !== process.pid) {
  process.stderr.write(`kumo-testkit supervisor ${process.pid}: the run of process ${mainPid} has another supervisor; exiting.\n`);
  process.exit(0);
}

const supervisor = new Supervisor(supervisorDataDir(dir, process.pid), mainPid, (slot) => slotLeasePath(dir, mainPid, slot));
const token = randomBytes(16).toString('hex');
const finish = (): void => {
  for (const path of [paths.rendezvous, paths.lock, paths.log]) rmSync(path, { force: true });
  process.exit(0);
};
const control = await startControl(supervisor, token, finish);
const rendezvous: Rendezvous = { supervisorPid: process.pid, mainPid, control: control.url, token };
writeJsonAtomically(paths.rendezvous, rendezvous);
process.send?.(rendezvous);
// The starting worker lets go of this process once it has the rendezvous; that must not end it.
process.on('disconnect', () => undefined);

const watch = setInterval(() => {
  if (!isAlive(mainPid)) stopAndExit();
}, WATCH_MS);
const stopAndExit = (): void => {
  clearInterval(watch);
  void supervisor.stop('runner exited').finally(finish);
};
process.once('SIGTERM', stopAndExit);
process.once('SIGINT', stopAndExit);
