/**
 * The files of a data directory:
 *
 *   kumo.lock                       the writer's lock: {"pid", "host", "since"} (lock.ts)
 *   kumo.lock.<random>              a lock being taken (linked into place, then removed)
 *   snapshot-<seq>.state            the whole state as of journal record <seq> (20 digits)
 *   snapshot-<seq>.state.tmp        a snapshot being written; never read, removed on open
 *   journal-<seq>.log               records <seq>, <seq>+1, ... noted after that snapshot
 *   blobs/                          object bodies, owned by S3's body store (never touched here)
 *
 * Snapshots are not named `.snap`: jest takes any `*.snap` under its root for one of its own
 * snapshot files and fails a run that leaves one "obsolete".
 *
 * Normally there is one snapshot (or none yet) and one journal. A crash between a snapshot's
 * rename and the removal of what it replaces leaves older files behind; they are read past
 * (records the snapshot covers are skipped) and removed at the next snapshot.
 */
import { open, readdir } from 'node:fs/promises';

export const LOCK_FILE = 'kumo.lock';
export const BLOBS_DIRECTORY = 'blobs';
const SNAPSHOT = /^snapshot-(\d{20})\.state$/;
const SNAPSHOT_TEMPORARY = /^snapshot-\d{20}\.state\.tmp$/;
const JOURNAL = /^journal-(\d{20})\.log$/;

const padded = (sequence: number): string => String(sequence).padStart(20, '0');
export const snapshotName = (sequence: number): string => `snapshot-${padded(sequence)}.state`;
export const journalName = (firstSequence: number): string => `journal-${padded(firstSequence)}.log`;

export interface NumberedFile {
  readonly name: string;
  readonly sequence: number;
}

export interface DirectoryListing {
  /** Newest first. */
  readonly snapshots: NumberedFile[];
  /** Oldest first. */
  readonly journals: NumberedFile[];
  readonly temporaries: string[];
}

export async function listDirectory(directory: string): Promise<DirectoryListing> {
  const snapshots: NumberedFile[] = [];
  const journals: NumberedFile[] = [];
  const temporaries: string[] = [];
  for (const name of await readdir(directory)) {
    const snapshot = SNAPSHOT.exec(name);
    const journal = JOURNAL.exec(name);
    if (snapshot) snapshots.push({ name, sequence: Number(snapshot[1]) });
    else if (journal) journals.push({ name, sequence: Number(journal[1]) });
    else if (SNAPSHOT_TEMPORARY.test(name)) temporaries.push(name);
  }
  snapshots.sort((a, b) => b.sequence - a.sequence);
  journals.sort((a, b) => a.sequence - b.sequence);
  return { snapshots, journals, temporaries };
}

/** Makes the directory's entries (a created, renamed or removed file) durable, as fsync does a file's bytes. */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

