// Types only: `import 'jest-environment-kumo/globals'` (or a types entry) declares globalThis.kumo.
export {};
