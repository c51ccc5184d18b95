/** Where the store's log lines go: recovery, lock take-over, write failures. */
export type Log = (line: string) => void;

/** The default: a line on stderr, prefixed as the emulator's other lines are. */
export const stderrLog: Log = (line) => process.stderr.write(`kumo emulator: ${line}\n`);
