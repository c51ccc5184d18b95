/**
 * Reading a data directory back: the newest snapshot that is whole, then the journal records
 * after it. Reads only; what must be repaired (a journal tail to cut, journals after a cut to
 * remove) is returned for the writer to do, so `inspect` can read a directory without touching it.
 *
 * A journal is cut at its first record that is short, fails its checksum, is not JSON, is not
 * a list of changes or is out of sequence: everything from there on (later journals included)
 * is dropped, since a record after a bad one may depend on it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { countFrames, decodeHeader, HEADER_BYTES, JOURNAL_MAGIC, scanFrames, type Frame } from './framing.js';
import { listDirectory, type NumberedFile } from './layout.js';
import { decodeSnapshot, versionError } from './snapshotFile.js';
import type { PersistentState, StateChange } from './stateStore.js';
import { StorageError } from './storageError.js';

/** The journal the writer appends to. */
export interface JournalTail {
  readonly name: string;
  /** Where its valid records end: the file is cut here if it is longer. */
  readonly validEnd: number;
  readonly size: number;
  /** Whether its header is missing or cut short and must be written again. */
  readonly tornHeader: boolean;
  /** The sequence of its last record (its first, minus one, when it has none). */
  readonly lastSequence: number;
}

export interface Recovery {
  /** Snapshot chunks, then journal records, in replay order. */
  readonly batches: StateChange[][];
  /** The last record the state includes. */
  readonly lastSequence: number;
  /** Records read from the journal after the snapshot. */
  readonly journalRecords: number;
  readonly snapshot: string | undefined;
  readonly tail: JournalTail | undefined;
  /** Journals after a cut: removed by the writer. */
  readonly dropped: string[];
  readonly temporaries: string[];
  /** What was found wrong, one line each, for the log. */
  readonly problems: string[];
  readonly journalBytes: number;
  readonly snapshotBytes: number;
}

export async function readDirectory(directory: string): Promise<Recovery> {
  const listing = await listDirectory(directory);
  const problems: string[] = [];
  const batches: StateChange[][] = [];
  let snapshot: NumberedFile | undefined;
  let snapshotBytes = 0;
  for (const [index, candidate] of listing.snapshots.entries()) {
    const bytes = await readFile(join(directory, candidate.name));
    const reading = decodeSnapshot(bytes, candidate.name, directory);
    if ('problem' in reading) {
      const fallback = listing.snapshots[index + 1]?.name ?? 'the journal from its start';
      problems.push(`ignored the snapshot ${candidate.name} in ${directory}: ${reading.problem}; reading ${fallback} instead`);
      continue;
    }
    snapshot = candidate;
    snapshotBytes = bytes.length;
    batches.push(...reading.chunks);
    break;
  }
  let last = snapshot?.sequence ?? 0;
  let journalRecords = 0;
  let journalBytes = 0;
  let tail: JournalTail | undefined;
  const dropped: string[] = [];
  let cut = false;
  let cutLine: string | undefined;
  for (const journal of listing.journals) {
    if (cut) {
      dropped.push(journal.name);
      continue;
    }
    const bytes = await readFile(join(directory, journal.name));
    journalBytes += bytes.length;
    const header = decodeHeader(bytes, JOURNAL_MAGIC);
    if (header.state === 'version') throw versionError(directory, journal.name, header.version);
    if (header.state === 'foreign') {
      throw new StorageError(
        `the data directory ${directory} holds ${journal.name}, which is not a kumo-testkit journal: ` +
          'the directory was written by something else. Give the emulator a directory of its own, or reset this one (kumo-testkit reset --data-dir).',
      );
    }
    if (header.state === 'torn') {
      // Cut short while it was being created: it holds no record yet.
      tail = { name: journal.name, validEnd: 0, size: bytes.length, tornHeader: true, lastSequence: journal.sequence - 1 };
      cut = true;
      continue;
    }
    if (header.sequence > last + 1) {
      throw new StorageError(
        `the data directory ${directory} is missing journal records ${last + 1} to ${header.sequence - 1} (${journal.name} starts after them): ` +
          'files were removed or a snapshot was damaged, and the state cannot be rebuilt without them. Restore the directory from a copy, or reset it (kumo-testkit reset --data-dir).',
      );
    }
    const scan = scanFrames(bytes, HEADER_BYTES, (previous) => (previous ? previous.sequence + 1 : header.sequence));
    let validEnd = scan.validEnd;
    let problem = scan.problem;
    let lastInFile = header.sequence - 1;
    for (const frame of scan.frames) {
      if (!isChangeList(frame)) {
        validEnd = frame.offset;
        problem = 'a record that is not a list of changes';
        break;
      }
      lastInFile = frame.sequence;
      // Records a snapshot already covers (left by a crash before the old journal was removed).
      if (frame.sequence <= last) continue;
      batches.push(frame.payload);
      journalRecords += 1;
      last = frame.sequence;
    }
    tail = { name: journal.name, validEnd, size: bytes.length, tornHeader: false, lastSequence: lastInFile };
    if (problem !== undefined) {
      const records = countFrames(bytes, validEnd);
      cutLine =
        `cut the journal ${join(directory, journal.name)} at byte ${validEnd}: it holds ${problem} there, so its last ${bytes.length - validEnd} bytes ` +
          `(${records} record${records === 1 ? '' : 's'}) were dropped; the state is as of record ${last}`;
      cut = true;
    }
  }
  if (cutLine !== undefined) problems.push(dropped.length > 0 ? `${cutLine}, and the journals after it (${dropped.join(', ')}) removed` : cutLine);
  const temporaries = listing.temporaries;
  if (temporaries.length > 0) problems.push(`removed the leftover ${temporaries.join(', ')} from ${directory}: a snapshot whose writing was interrupted, never read`);
  return { batches, lastSequence: last, journalRecords, snapshot: snapshot?.name, tail, dropped, temporaries, problems, journalBytes, snapshotBytes };
}

function isChangeList(frame: Frame): frame is Frame & { payload: StateChange[] } {
  return Array.isArray(frame.payload) && frame.payload.every((change) => typeof change?.service === 'string' && typeof change?.kind === 'string');
}

/** Applies what was read to the services' states, in order. */
export function replayInto(services: Readonly<Record<string, PersistentState>>, recovery: Recovery, directory: string): void {
  for (const batch of recovery.batches) {
    for (const change of batch) {
      const service = services[change.service];
      if (!service) {
        throw new StorageError(
          `the data directory ${directory} holds state of the service "${change.service}", which this emulator does not run (it runs ${Object.keys(services).join(', ')}): ` +
            'it was written by another version of kumo-testkit. Open it with that version, or reset the directory (kumo-testkit reset --data-dir).',
        );
      }
      service.replay(change);
    }
  }
}
