import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { endLine, resolveConfig, RunReport, startLine, writeRunReport, type EmulatorLease, type FileReport } from '@kumo-testkit/core';

const LEASE: EmulatorLease = { runId: 'run-1', endpoint: 'http://127.0.0.1:4566', backend: 'embedded', mode: 'ephemeral', dataDir: '/tmp/d/slot-1', services: ['s3', 'dynamodb'] };

function configIn(dir: string, logLevel = 'info') {
  return resolveConfig({ reportDir: dir, logLevel }, {}, dir);
}

function fileReport(file: string, namespace: string, deleted: number): FileReport {
  const refs = Array.from({ length: deleted }, (_, n) => ({ service: 's3' as const, kind: 'bucket' as const, name: `${namespace}-b${n}` }));
  return { file, runner: 'jest', slot: '1', namespace, testNamespaces: [], created: refs, deleted: refs, leaks: [], errors: [], durations: { totalMs: 1, cleanupMs: 1 } };
}

describe('RunReport', () => {
  it('merges the parts of every report instance of a run once, at its end, even two in one process (jest runs files in band)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kumo-report-'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const first = new RunReport(configIn(dir), 'run-1');
    first.announce(LEASE, '1');
    first.recordFile(fileReport('a.test.ts', 'ktaaaaaaaaaa', 2));
    const second = new RunReport(configIn(dir), 'run-1');
    second.announce(LEASE, '1');
    second.recordFile(fileReport('b.test.ts', 'ktbbbbbbbbbb', 1));
    stderr.mockRestore();
    // A file writes its own part only: nothing merges every part per file.
    expect(existsSync(join(dir, 'run-1', 'report.json'))).toBe(false);

    const merged = writeRunReport(dir, 'run-1');
    const written = JSON.parse(readFileSync(join(dir, 'run-1', 'report.json'), 'utf8'));
    expect(written).toEqual(merged);
    expect(written).toMatchObject({ runId: 'run-1', backend: 'embedded', mode: 'ephemeral', services: ['s3', 'dynamodb', 'sqs'] });
    expect(written.files.map((file: FileReport) => file.file)).toEqual(['a.test.ts', 'b.test.ts']);
    expect(written.totals).toEqual({ files: 2, namespaces: 2, created: 3, deleted: 3, leaks: 0, errors: 0 });
    expect(written.workers).toHaveLength(1);
    const stopped = [{ slot: '1', endpoint: 'http://127.0.0.1:4566' }, { slot: '2', endpoint: 'http://127.0.0.1:4567' }];
    expect(endLine('run-1', written.totals, stopped, 'reports/run-1/report.json')).toBe(
      'kumo-testkit: run-1 ended: 2 namespace(s) cleaned in 2 file(s), 3 resource(s) deleted, 0 leak(s), ' +
        '2 emulator(s) stopped (slot 1 http://127.0.0.1:4566, slot 2 http://127.0.0.1:4567), state discarded, report reports/run-1/report.json',
    );
  });

  it('prints the start line once per run, and not at all with logLevel silent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kumo-report-'));
    const lines: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    new RunReport(configIn(dir), 'run-2').announce(LEASE, '1');
    new RunReport(configIn(dir), 'run-2').announce(LEASE, '2');
    new RunReport(configIn(dir, 'silent'), 'run-3').announce(LEASE, '1');
    stderr.mockRestore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kumo-testkit: run-2: backend embedded, mode ephemeral, data dir temporary, .*services s3, dynamodb, .*first at http:\/\/127\.0\.0\.1:4566/);
  });

  it('in persistent and hybrid modes, says that namespaces are kept and what the data directory holds', () => {
    // The configured services, as the resolved config says them (the lease names only those the emulator serves).
    const config = resolveConfig({ mode: 'persistent', dataDir: '/data/kumo' }, {}, '/project');
    const lease: EmulatorLease = { ...LEASE, mode: 'persistent', dataDir: '/data/kumo' };
    expect(startLine(config, lease, 'run-4', 'reports/run-4')).toBe(
      'kumo-testkit: run-4: backend embedded, mode persistent, data dir /data/kumo (every write on disk before it is answered), ' +
        'services s3, dynamodb, sqs, one emulator for every worker slot at http://127.0.0.1:4566, namespaces kept across runs, report reports/run-4',
    );
    const hybrid = resolveConfig({ mode: 'hybrid', dataDir: '/data/kumo', flushIntervalMs: 100 }, {}, '/project');
    expect(startLine(hybrid, { ...lease, mode: 'hybrid' }, 'run-5', 'r')).toContain('mode hybrid, data dir /data/kumo (flushed every 100 ms), services s3, dynamodb, sqs, one emulator for every worker slot at http://127.0.0.1:4566, namespaces fresh for this run');

    const totals = { files: 3, namespaces: 3, created: 0, deleted: 0, leaks: 0, errors: 0 };
    const storage = { mode: 'persistent' as const, dataDir: '/data/kumo', flushIntervalMs: 0 };
    const persisted = {
      directory: '/data/kumo',
      journalRecords: 12,
      resources: [
        { kind: 'bucket' as const, name: 'kt1-a', count: 2, bytes: 10 },
        { kind: 'table' as const, name: 'kt1-T', count: 5, bytes: 300 },
        { kind: 'table' as const, name: 'kt2-T', count: 1, bytes: 60 },
      ],
    };
    expect(endLine('run-4', totals, [{ slot: 'all', endpoint: 'http://127.0.0.1:4566', persisted }], 'r/report.json', storage)).toBe(
      'kumo-testkit: run-4 ended: 3 namespace(s) kept in 3 file(s) (mode persistent), 1 emulator(s) stopped (http://127.0.0.1:4566), ' +
        'state flushed to /data/kumo: 2 table(s) with 6 item(s), 1 bucket(s) with 2 object(s), 12 journal record(s) written, report r/report.json',
    );
    expect(endLine('run-4', totals, [], 'r/report.json', { ...storage, mode: 'hybrid' })).toContain(
      '(mode hybrid), 0 emulator(s) stopped, state in /data/kumo (still being flushed as this line was printed)',
    );
  });
});
