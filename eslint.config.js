// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.kumo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', AbortSignal: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Read time from the Clock (packages/emulator/src/clock.ts).' },
      ],
    },
  },
  {
    // The emulator's clock module and the toolkit's test clock (for `clock: false`) are the only
    // places that read the system time; scripts and tests may too.
    files: ['packages/emulator/src/clock.ts', 'packages/core/src/testClock.ts', '**/test/**', 'bench/**', 'scripts/**', 'e2e/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // CommonJS files: what jest's own module loader runs (a transform, the globals entry).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
