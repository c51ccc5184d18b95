// The project's emulator in its own process, for the benchmarks: prints its endpoint as one
// JSON line, stops cleanly on SIGTERM (so `node --cpu-prof` can write its profile).
// BENCH_DATA_DIR makes it persistent there, BENCH_FLUSH_INTERVAL_MS sets its flush interval.
import { startEmulator } from '@kumo-testkit/emulator';

const dataDir = process.env.BENCH_DATA_DIR;
const emulator = await startEmulator(dataDir ? { dataDir, flushIntervalMs: Number(process.env.BENCH_FLUSH_INTERVAL_MS ?? 0) } : {});
process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint })}\n`);
process.once('SIGTERM', () => {
  void emulator.stop().then(() => process.exit(0));
});
