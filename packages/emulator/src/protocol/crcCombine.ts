/**
 * The CRC of two byte strings joined, from their CRCs and the second one's length, without
 * reading the bytes again: what a FULL_OBJECT multipart checksum is made of. This is zlib's
 * crc32_combine (multiplication by x^(8·length) modulo the polynomial, in the reflected bit
 * order these CRCs use), written once for 32- and 64-bit widths. It holds for CRC32, CRC32C
 * and CRC64NVME because each starts from and finally inverts all ones.
 * https://github.com/madler/zlib/blob/develop/crc32.c
 */
import type { ChecksumAlgorithm } from '../s3/model/types.js';

export type CombinableAlgorithm = Extract<ChecksumAlgorithm, 'CRC32' | 'CRC32C' | 'CRC64NVME'>;

interface CrcShape {
  width: bigint;
  /** The reflected polynomial. */
  polynomial: bigint;
  /** x^(2^k) modulo the polynomial, for k = 0, 1, ...: the squares that x^(8·length) is built from. */
  powers: bigint[];
}

function shapeOf(width: number, polynomial: bigint): CrcShape {
  const shape: CrcShape = { width: BigInt(width), polynomial, powers: [] };
  let power = 1n << (shape.width - 2n); // x^1
  for (let k = 0; k < 64; k++) {
    shape.powers.push(power);
    power = multiplyModulo(shape, power, power);
  }
  return shape;
}

const polynomials: Record<CombinableAlgorithm, [width: number, polynomial: bigint]> = {
  CRC32: [32, 0xedb88320n],
  CRC32C: [32, 0x82f63b78n],
  CRC64NVME: [64, 0x9a6c9329ac4bc9b5n],
};

/** Built on first use: only multipart completions need them, and they cost milliseconds at start-up. */
const shapes = new Map<CombinableAlgorithm, CrcShape>();

function shapeFor(algorithm: CombinableAlgorithm): CrcShape {
  let shape = shapes.get(algorithm);
  if (!shape) {
    shape = shapeOf(...polynomials[algorithm]);
    shapes.set(algorithm, shape);
  }
  return shape;
}

/** a(x)·b(x) modulo the polynomial; the top bit is x^0 in the reflected order. */
function multiplyModulo(shape: CrcShape, a: bigint, b: bigint): bigint {
  let mask = 1n << (shape.width - 1n);
  let product = 0n;
  while (mask !== 0n) {
    if (a & mask) product ^= b;
    mask >>= 1n;
    b = b & 1n ? (b >> 1n) ^ shape.polynomial : b >> 1n;
  }
  return product;
}

/** x^(8·length) modulo the polynomial. */
function shiftFor(shape: CrcShape, length: number): bigint {
  let result = 1n << (shape.width - 1n); // x^0
  let bits = BigInt(length);
  let k = 3; // 8 = 2^3 bits per byte
  while (bits > 0n) {
    if (bits & 1n) result = multiplyModulo(shape, shape.powers[k]!, result);
    bits >>= 1n;
    k += 1;
  }
  return result;
}

function toBigInt(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString('hex')}`);
}

/** CRC(A ‖ B) from CRC(A), CRC(B) and B's length; CRCs as big-endian bytes, as S3 encodes them. */
export function combineCrc(algorithm: CombinableAlgorithm, first: Buffer, second: Buffer, secondLength: number): Buffer {
  const shape = shapeFor(algorithm);
  const combined = multiplyModulo(shape, shiftFor(shape, secondLength), toBigInt(first)) ^ toBigInt(second);
  const bytes = Number(shape.width / 8n);
  return Buffer.from(combined.toString(16).padStart(bytes * 2, '0'), 'hex');
}

export function isCombinable(algorithm: ChecksumAlgorithm): algorithm is CombinableAlgorithm {
  return algorithm in polynomials;
}
