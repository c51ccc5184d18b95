// dynalite 4.0.0 in its own process, for the benchmarks: prints its endpoint as one JSON line.
// Without a path it keeps tables in memory (memory-level); tables are ACTIVE at once.
import dynalite from 'dynalite';

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ endpoint: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
