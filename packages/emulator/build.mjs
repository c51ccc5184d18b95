// Builds dist/: one bundled ESM file (a single module loads several times faster than the
// 150-odd modules of src/, which is most of a cold start) plus tsc's type declarations.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: 'dist/index.js',
  sourcemap: true,
  logLevel: 'warning',
});
