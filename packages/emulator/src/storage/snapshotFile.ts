/**
 * A snapshot file: the header (covering journal records up to its sequence), the state's
 * changes in chunks (frames numbered 0, 1, ...), and an end marker frame counting the chunks and
 * changes and summing their checksums. A snapshot without its end marker, or whose marker does
 * not match, was cut short and is never read.
 *
 * Written under a temporary name, fsynced, renamed into place and the directory fsynced, so the
 * name `snapshot-<seq>.state` only ever points at a whole file.
 */
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { chunksChecksum, decodeHeader, encodeFrame, encodeHeader, scanFrames, SNAPSHOT_MAGIC, HEADER_BYTES } from './framing.js';
import { snapshotName, syncDirectory } from './layout.js';
import type { StateChange } from './stateStore.js';
import { StorageError } from './storageError.js';

const CHUNK_CHANGES = 1000;

interface EndMarker {
  readonly end: { readonly chunks: number; readonly changes: number; readonly checksum: number };
}

/**
 * The snapshot's bytes, framed. Built at once from the state as it is now: the state must not
 * change half-way, and the services' snapshot() iterates live structures.
 */
export function encodeSnapshot(sequence: number, changes: Iterable<StateChange>): Buffer[] {
  const buffers = [encodeHeader(SNAPSHOT_MAGIC, sequence)];
  const checksums: number[] = [];
  let chunk: string[] = [];
  let total = 0;
  const cut = (): void => {
    const frame = encodeFrame(checksums.length, Buffer.from(`[${chunk.join(',')}]`));
    checksums.push(frame.readUInt32LE(4));
    buffers.push(frame);
    chunk = [];
  };
  for (const change of changes) {
    chunk.push(JSON.stringify(change));
    total += 1;
    if (chunk.length === CHUNK_CHANGES) cut();
  }
  if (chunk.length > 0) cut();
  const marker: EndMarker = { end: { chunks: checksums.length, changes: total, checksum: chunksChecksum(checksums) } };
  buffers.push(encodeFrame(checksums.length, Buffer.from(JSON.stringify(marker))));
  return buffers;
}

/** Writes a snapshot atomically; returns its file name. */
export async function writeSnapshot(directory: string, sequence: number, buffers: readonly Buffer[]): Promise<string> {
  const name = snapshotName(sequence);
  const temporary = join(directory, `${name}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    // writeFile, unlike writev, goes on after a partial write.
    await handle.writeFile(buffers);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, join(directory, name));
  await syncDirectory(directory);
  return name;
}

export type SnapshotReading = { readonly sequence: number; readonly chunks: StateChange[][] } | { readonly problem: string };

/** A snapshot's changes, or why it cannot be trusted. A snapshot in another format version stops the open. */
export function decodeSnapshot(bytes: Buffer, name: string, directory: string): SnapshotReading {
  const header = decodeHeader(bytes, SNAPSHOT_MAGIC);
  if (header.state === 'version') throw versionError(directory, name, header.version);
  if (header.state !== 'valid') return { problem: header.state === 'torn' ? 'it is cut short before its header ends' : 'it is not a kumo-testkit snapshot' };
  const scan = scanFrames(bytes, HEADER_BYTES, (previous) => (previous ? previous.sequence + 1 : 0));
  const last = scan.frames.at(-1);
  const marker = (last?.payload as Partial<EndMarker> | undefined)?.end;
  if (scan.problem || !last || !marker) return { problem: scan.problem ? `it holds ${scan.problem}` : 'it has no end marker (it was cut short)' };
  const chunks = scan.frames.slice(0, -1);
  const checksum = chunksChecksum(chunks.map((frame) => frame.checksum));
  const changes = chunks.reduce((total, frame) => total + (Array.isArray(frame.payload) ? frame.payload.length : Number.NaN), 0);
  if (marker.chunks !== chunks.length || marker.changes !== changes || marker.checksum !== checksum) {
    return { problem: 'its end marker does not match its chunks' };
  }
  return { sequence: header.sequence, chunks: chunks.map((frame) => frame.payload as StateChange[]) };
}

export function versionError(directory: string, name: string, version: number): StorageError {
  return new StorageError(
    `the data directory ${directory} holds ${name} in storage format ${version}, which this kumo-testkit (format 1) cannot read: ` +
      'it was written by another version. Open it with the kumo-testkit that wrote it, or reset the directory (kumo-testkit reset --data-dir) to start afresh.',
  );
}
