/**
 * How the store's files are framed. A file starts with a header (an 8-byte magic naming what
 * the file is, a format version, and a sequence number: the first journal record a journal
 * holds, or the last one a snapshot covers), then holds frames:
 *
 *   u32 payload length | u32 CRC-32 of sequence and payload | u32 sequence (high) | u32 (low) | payload
 *
 * all little-endian. A payload is JSON: an array of StateChanges (a journal record, a snapshot
 * chunk) or, only as a snapshot's last frame, its end marker. The checksum covers the sequence
 * too, so a frame copied to the wrong place (or a stale tail behind a rewritten one) is refused.
 */
import { crc32 } from 'node:zlib';

export const FORMAT_VERSION = 1;
export const JOURNAL_MAGIC = 'KUMOJRNL';
export const SNAPSHOT_MAGIC = 'KUMOSNAP';
export const HEADER_BYTES = 20;
export const FRAME_HEADER_BYTES = 16;
const HIGH = 2 ** 32;

export function encodeHeader(magic: string, sequence: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(magic, 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(Math.floor(sequence / HIGH), 12);
  header.writeUInt32LE(sequence >>> 0, 16);
  return header;
}

export type HeaderReading =
  | { readonly state: 'valid'; readonly sequence: number }
  /** Shorter than a header but what there is matches: the file was being created when the process died. */
  | { readonly state: 'torn' }
  | { readonly state: 'foreign' }
  | { readonly state: 'version'; readonly version: number };

export function decodeHeader(bytes: Buffer, magic: string): HeaderReading {
  const expected = Buffer.from(magic, 'latin1');
  const seen = Math.min(bytes.length, expected.length);
  if (!bytes.subarray(0, seen).equals(expected.subarray(0, seen))) return { state: 'foreign' };
  if (bytes.length < HEADER_BYTES) return { state: 'torn' };
  const version = bytes.readUInt32LE(8);
  if (version !== FORMAT_VERSION) return { state: 'version', version };
  return { state: 'valid', sequence: bytes.readUInt32LE(12) * HIGH + bytes.readUInt32LE(16) };
}

/** One frame: its header and payload as one buffer, ready for a single write. */
export function encodeFrame(sequence: number, payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(Math.floor(sequence / HIGH), 8);
  frame.writeUInt32LE(sequence >>> 0, 12);
  payload.copy(frame, FRAME_HEADER_BYTES);
  frame.writeUInt32LE(crc32(payload, crc32(frame.subarray(8, FRAME_HEADER_BYTES))), 4);
  return frame;
}

export interface Frame {
  readonly sequence: number;
  /** The frame's CRC-32, which a snapshot's end marker sums up. */
  readonly checksum: number;
  /** Where the frame starts in the file. */
  readonly offset: number;
  readonly payload: unknown;
}

export interface FrameScan {
  readonly frames: Frame[];
  /** Where the valid frames end: the file is cut here when `problem` is set. */
  readonly validEnd: number;
  /** Why reading stopped before the end of the bytes, if it did. */
  readonly problem?: string;
}

/**
 * Reads frames from `start` to the end of `bytes`, stopping at the first that is short, fails
 * its checksum, is not JSON, or does not carry the sequence number `expect` says comes next.
 */
export function scanFrames(bytes: Buffer, start: number, expect: (previous: Frame | undefined) => number | undefined): FrameScan {
  const frames: Frame[] = [];
  let offset = start;
  while (offset < bytes.length) {
    const stop = (problem: string): FrameScan => ({ frames, validEnd: offset, problem });
    if (bytes.length - offset < FRAME_HEADER_BYTES) return stop(`a frame header cut short (${bytes.length - offset} of ${FRAME_HEADER_BYTES} bytes)`);
    const length = bytes.readUInt32LE(offset);
    const end = offset + FRAME_HEADER_BYTES + length;
    if (end > bytes.length) return stop(`a frame cut short (${bytes.length - offset} of ${end - offset} bytes)`);
    const checksum = crc32(bytes.subarray(offset + FRAME_HEADER_BYTES, end), crc32(bytes.subarray(offset + 8, offset + FRAME_HEADER_BYTES)));
    if (checksum !== bytes.readUInt32LE(offset + 4)) return stop('a frame whose checksum does not match');
    const sequence = bytes.readUInt32LE(offset + 8) * HIGH + bytes.readUInt32LE(offset + 12);
    const wanted = expect(frames.at(-1));
    if (wanted !== undefined && sequence !== wanted) return stop(`a frame numbered ${sequence} where ${wanted} comes next`);
    let payload: unknown;
    try {
      payload = JSON.parse(bytes.toString('utf8', offset + FRAME_HEADER_BYTES, end));
    } catch {
      return stop('a frame whose payload is not JSON');
    }
    frames.push({ sequence, checksum, offset, payload });
    offset = end;
  }
  return { frames, validEnd: offset };
}

/**
 * How many frames (whole or not) the bytes from `offset` hold, judged by their length fields
 * alone: what a log line reports as dropped when a journal is cut there.
 */
export function countFrames(bytes: Buffer, offset: number): number {
  let count = 0;
  while (offset < bytes.length) {
    count += 1;
    if (bytes.length - offset < FRAME_HEADER_BYTES) break;
    offset += FRAME_HEADER_BYTES + bytes.readUInt32LE(offset);
  }
  return count;
}

/** The checksum a snapshot's end marker carries: the CRC-32 of its chunks' checksums in order. */
export function chunksChecksum(checksums: readonly number[]): number {
  const bytes = Buffer.alloc(4 * checksums.length);
  checksums.forEach((checksum, index) => bytes.writeUInt32LE(checksum, 4 * index));
  return crc32(bytes);
}
