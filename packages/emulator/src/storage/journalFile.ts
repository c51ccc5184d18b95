/**
 * The journal being appended to. Each record is one positional write of one frame, then one
 * fdatasync: a record is on disk whole once `append` resolves. Writes go to the offset where
 * the last good record ends, so a write that failed half-way is overwritten by the next one.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeFrame, encodeHeader, JOURNAL_MAGIC } from './framing.js';
import { journalName, syncDirectory } from './layout.js';

export class JournalFile {
  private constructor(
    readonly name: string,
    private readonly handle: FileHandle,
    private end: number,
    /** The sequence number its next record must carry: records in one journal follow each other. */
    public nextSequence: number,
  ) {}

  /** A new journal whose first record will be `firstSequence`, its header on disk and its name in the directory. */
  static async create(directory: string, firstSequence: number): Promise<JournalFile> {
    const name = journalName(firstSequence);
    const handle = await open(join(directory, name), 'w');
    const header = encodeHeader(JOURNAL_MAGIC, firstSequence);
    try {
      await writeAll(handle, header, 0);
      await handle.sync();
      await syncDirectory(directory);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalFile(name, handle, header.length, firstSequence);
  }

  /** An existing journal, cut at `validEnd` (where its last good record, `lastSequence`, ends) when it is longer. */
  static async reopen(directory: string, name: string, validEnd: number, size: number, lastSequence: number): Promise<JournalFile> {
    const handle = await open(join(directory, name), 'r+');
    try {
      if (size > validEnd) {
        await handle.truncate(validEnd);
        await handle.sync();
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalFile(name, handle, validEnd, lastSequence + 1);
  }

  get size(): number {
    return this.end;
  }

  async append(sequence: number, payload: Buffer): Promise<void> {
    const frame = encodeFrame(sequence, payload);
    await writeAll(this.handle, frame, this.end);
    await this.handle.datasync();
    this.end += frame.length;
    this.nextSequence = sequence + 1;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * Writes all of `bytes` at `position`. A write may take only part (a file-size limit, a disk
 * filling up): the rest is written on, and the error comes from the write that can take nothing.
 */
async function writeAll(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let written = 0; written < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
    written += bytesWritten;
  }
}
