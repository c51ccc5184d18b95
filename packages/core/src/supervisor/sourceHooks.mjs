// Loaded with --import when the supervisor runs from the TypeScript sources: a specifier
// `./x.js` whose file does not exist resolves to `./x.ts`, as TypeScript's own resolution does.
// The compile cache keeps the transformed sources too: a slot emulator started from source then
// costs about half the CPU after the first.
import { enableCompileCache, registerHooks } from 'node:module';

enableCompileCache();

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
