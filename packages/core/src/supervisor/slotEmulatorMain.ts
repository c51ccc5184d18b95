/**
 * A slot's emulator, a child process of the supervisor: `<dataDir> <region>`. It lives on the
 * test worker's clock (`clockSource: 'request'`), tells the supervisor its endpoint over IPC,
 * and ends when that channel closes: when the supervisor stops it, exits, or is killed.
 */
import { rmSync } from 'node:fs';
import { startEmulator } from '@kumo-testkit/emulator';

const [dataDir, region] = process.argv.slice(2);
if (!dataDir || !region || !process.send) {
  process.stderr.write('kumo-testkit slot emulator: run by the supervisor (forked, with a data directory and a region), not by hand.\n');
  process.exit(2);
}
const emulator = await startEmulator({ clockSource: 'request', scratchDir: dataDir, region });
process.send({ endpoint: emulator.endpoint });
process.once('disconnect', () => {
  void emulator.stop().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
