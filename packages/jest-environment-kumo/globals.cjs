// Types only: `import 'jest-environment-kumo/globals'` declares globalThis.kumo (globals.d.ts).
// CommonJS, so that jest's own module loader can run the import too.
module.exports = {};
