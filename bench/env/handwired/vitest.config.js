// The hand-wired peer suite (see setup.js), run by bench/env/run.mjs like the kumo suite.
export default {
  root: import.meta.dirname,
  test: { include: ['orders-*.test.js'], setupFiles: ['./setup.js'], testTimeout: 30_000, hookTimeout: 30_000 },
};
