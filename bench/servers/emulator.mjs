// The project's emulator in its own process, for the benchmarks: prints its endpoint as one
// JSON line, stops cleanly on SIGTERM (so `node --cpu-prof` can write its profile).
import { startEmulator } from '@kumo-testkit/emulator';

const emulator = await startEmulator();
process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint })}\n`);
process.once('SIGTERM', () => {
  void emulator.stop().then(() => process.exit(0));
});
