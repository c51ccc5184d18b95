/**
 * How to run the supervisor's and the slot emulators' entry modules as processes. Built, they
 * are the .js files next to this one. From the TypeScript sources (the repository's own tests run
 * there, through the `kumo-source` export condition) Node runs the .ts files itself, with a
 * resolve hook for the `.js` specifiers TypeScript sources use.
 */
import { fileURLToPath } from 'node:url';

const fromSource = import.meta.url.endsWith('.ts');
const extension = fromSource ? '.ts' : '.js';
/** Node options for a process that runs this package's entries (none when built). */
export const entryNodeArgs: readonly string[] = fromSource
  ? ['--conditions=kumo-source', '--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', new URL('./sourceHooks.mjs', import.meta.url).href]
  : [];

export interface ProcessCommand {
  readonly command: string;
  readonly args: string[];
}

export function supervisorCommand(args: string[]): ProcessCommand {
  return { command: process.execPath, args: [...entryNodeArgs, entry('supervisorMain'), ...args] };
}

/** For `fork`: the slot emulator's module and the Node options it needs. */
export function slotEmulatorModule(): { modulePath: string; execArgv: string[] } {
  return { modulePath: entry('slotEmulatorMain'), execArgv: [...entryNodeArgs] };
}

function entry(name: string): string {
  return fileURLToPath(new URL(`./${name}${extension}`, import.meta.url));
}
