import { describe, expect, it } from 'vitest';
import { decodeHeader, encodeFrame, encodeHeader, FRAME_HEADER_BYTES, HEADER_BYTES, JOURNAL_MAGIC, scanFrames, SNAPSHOT_MAGIC } from '../../src/storage/framing.js';

const payload = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('framing', () => {
  it('reads back the frames it wrote, with their sequence numbers and where they start', () => {
    const records = [[{ service: 'kv', kind: 'set', key: 'a', value: 'é' }], [], [{ service: 'kv', kind: 'delete', key: 'a' }]];
    const frames = records.map((record, index) => encodeFrame(2 ** 40 + index, payload(record)));
    const bytes = Buffer.concat([encodeHeader(JOURNAL_MAGIC, 2 ** 40), ...frames]);
    const scan = scanFrames(bytes, HEADER_BYTES, (previous) => (previous ? previous.sequence + 1 : 2 ** 40));
    expect(scan.problem).toBeUndefined();
    expect(scan.validEnd).toBe(bytes.length);
    expect(scan.frames.map((frame) => frame.payload)).toEqual(records);
    expect(scan.frames.map((frame) => frame.sequence)).toEqual([2 ** 40, 2 ** 40 + 1, 2 ** 40 + 2]);
    expect(scan.frames[1]!.offset).toBe(HEADER_BYTES + frames[0]!.length);
    expect(decodeHeader(bytes, JOURNAL_MAGIC)).toEqual({ state: 'valid', sequence: 2 ** 40 });
  });

  it('tells a header cut short, a file of another kind and another format version apart', () => {
    const header = encodeHeader(JOURNAL_MAGIC, 7);
    expect(decodeHeader(header.subarray(0, 5), JOURNAL_MAGIC)).toEqual({ state: 'torn' });
    expect(decodeHeader(header.subarray(0, 0), JOURNAL_MAGIC)).toEqual({ state: 'torn' });
    expect(decodeHeader(header, SNAPSHOT_MAGIC)).toEqual({ state: 'foreign' });
    const newer = Buffer.from(header);
    newer.writeUInt32LE(2, 8);
    expect(decodeHeader(newer, JOURNAL_MAGIC)).toEqual({ state: 'version', version: 2 });
  });

  it('stops at a frame out of sequence, since the checksum covers the sequence number', () => {
    const bytes = Buffer.concat([encodeFrame(1, payload([])), encodeFrame(3, payload([]))]);
    const scan = scanFrames(bytes, 0, (previous) => (previous ? previous.sequence + 1 : 1));
    expect(scan.frames).toHaveLength(1);
    expect(scan.validEnd).toBe(FRAME_HEADER_BYTES + 2);
    expect(scan.problem).toBe('a frame numbered 3 where 2 comes next');
  });
});
