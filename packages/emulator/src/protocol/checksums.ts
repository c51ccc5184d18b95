/**
 * The checksums S3 computes, validates and returns: Content-MD5 and the flexible checksums
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
 * Each is incremental, so bodies are checked while they stream.
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { ChecksumAlgorithm } from '../s3/model/types.js';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

export interface IncrementalChecksum {
  update(chunk: Buffer): void;
  /** The digest in big-endian bytes. */
  digest(): Buffer;
}

class NodeHashChecksum implements IncrementalChecksum {
  private readonly hash: Hash;
  constructor(algorithm: string) {
    this.hash = createHash(algorithm);
  }
  update(chunk: Buffer): void {
    this.hash.update(chunk);
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

class Crc32Checksum implements IncrementalChecksum {
  private value = 0;
  update(chunk: Buffer): void {
    this.value = crc32(chunk, this.value);
  }
  digest(): Buffer {
    return uint32Bytes(this.value);
  }
}

/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78. */
const crc32cTable = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
    table[i] = crc >>> 0;
  }
  return table;
})();

class Crc32cChecksum implements IncrementalChecksum {
  private crc = 0xffffffff;
  update(chunk: Buffer): void {
    let crc = this.crc;
    for (let i = 0; i < chunk.length; i++) crc = crc32cTable[(crc ^ chunk[i]!) & 0xff]! ^ (crc >>> 8);
    this.crc = crc;
  }
  digest(): Buffer {
    return uint32Bytes((this.crc ^ 0xffffffff) >>> 0);
  }
}

/**
 * CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5. The 64-bit register is kept as two
 * 32-bit halves so the inner loop stays in small integers instead of BigInt.
 */
const [crc64High, crc64Low] = (() => {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  const polynomial = 0x9a6c9329ac4bc9b5n;
  for (let i = 0n; i < 256n; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ polynomial : crc >> 1n;
    high[Number(i)] = Number(crc >> 32n);
    low[Number(i)] = Number(crc & 0xffffffffn);
  }
  return [high, low];
})();

class Crc64NvmeChecksum implements IncrementalChecksum {
  private high = 0xffffffff;
  private low = 0xffffffff;
  update(chunk: Buffer): void {
    let high = this.high;
    let low = this.low;
    for (let i = 0; i < chunk.length; i++) {
      const index = (low ^ chunk[i]!) & 0xff;
      low = ((low >>> 8) | ((high & 0xff) << 24)) ^ crc64Low[index]!;
      high = (high >>> 8) ^ crc64High[index]!;
    }
    this.high = high;
    this.low = low;
  }
  digest(): Buffer {
    const out = Buffer.alloc(8);
    out.writeUInt32BE((this.high ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.low ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}

function uint32Bytes(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0, 0);
  return out;
}

export function createChecksum(algorithm: ChecksumAlgorithm | 'MD5'): IncrementalChecksum {
  switch (algorithm) {
    case 'MD5':
      return new NodeHashChecksum('md5');
    case 'SHA1':
      return new NodeHashChecksum('sha1');
    case 'SHA256':
      return new NodeHashChecksum('sha256');
    case 'CRC32':
      return new Crc32Checksum();
    case 'CRC32C':
      return new Crc32cChecksum();
    case 'CRC64NVME':
      return new Crc64NvmeChecksum();
  }
}

export function checksumOf(algorithm: ChecksumAlgorithm | 'MD5', data: Buffer): Buffer {
  const checksum = createChecksum(algorithm);
  checksum.update(data);
  return checksum.digest();
}

/** `x-amz-checksum-crc64nvme` for CRC64NVME, and so on. */
export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

export function parseChecksumAlgorithm(value: string | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithm) : undefined;
}
