// jest runs test files as CommonJS: esbuild strips the types and turns the imports into requires.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, path) {
    const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node22', sourcefile: path, sourcemap: 'inline' });
    return { code };
  },
};
