// A benchmark's Markdown table: per phase, each server's rate and server CPU per unit, and the
// emulator's CPU relative to the null floor and to its peer (s3rver, dynalite).
import { cpus } from 'node:os';

const format = (value) => (value === undefined ? 'n/a' : value.toFixed(0));

function cell(result, pick, unit) {
  if (!result) return 'n/a';
  if (result.skipped) return `skipped (${result.skipped})`;
  return `${format(pick(result))} ${unit}`;
}

function ratio(a, b) {
  if (!a || !b || a.skipped || b.skipped) return 'n/a';
  return `${(a.cpuPerUnit / b.cpuPerUnit).toFixed(2)}x`;
}

/** `peer`: the server of the last ratio column; `settings`: a sentence on what a run was. */
export function printTable(results, phases, { peer, settings }) {
  const servers = Object.keys(results);
  const header = [
    'operation',
    ...servers.map((name) => `${name} rate`),
    ...servers.map((name) => `${name} CPU`),
    'CPU emulator/null',
    `CPU emulator/${peer}`,
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const phase of phases) {
    const unit = phase.kind === 'bytes' ? ['MiB/s', 'µs/MiB'] : ['ops/s', 'µs/op'];
    lines.push(
      `| ${phase.name} | ${servers.map((name) => cell(results[name][phase.name], (r) => r.rate, unit[0])).join(' | ')} | ` +
        `${servers.map((name) => cell(results[name][phase.name], (r) => r.cpuPerUnit, unit[1])).join(' | ')} | ` +
        `${ratio(results.emulator?.[phase.name], results.null?.[phase.name])} | ${ratio(results.emulator?.[phase.name], results[peer]?.[phase.name])} |`,
    );
  }
  console.log(lines.join('\n'));
  console.log(`\n${settings} Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}).`);
}
