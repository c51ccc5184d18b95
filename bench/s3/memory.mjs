// `pnpm bench:s3:memory`: the emulator's memory with a 1 GiB object. Starts the built emulator
// in a child process, PUTs 1 GiB streamed from a generator through the real SDK, GETs it back
// streaming (checking MD5 and CRC32 on the way), and reports the child's resident memory:
// VmRSS sampled during the run and VmHWM (the kernel's high-water mark) at the end.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setInterval, clearInterval } from 'node:timers';
import { crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startServerProcess } from '../lib/serverProcess.mjs';

const SIZE = Number(process.env.BENCH_MEMORY_BYTES ?? 1024 ** 3);
const CHUNK = 1024 * 1024;
const TARGET_PEAK_MB = 250;

/** 1 MiB blocks, each stamped with its index so no two blocks are alike. */
function* blocks() {
  const block = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i++) block[i] = (i * 31 + 7) & 0xff;
  for (let offset = 0, index = 0; offset < SIZE; offset += CHUNK, index++) {
    block.writeUInt32BE(index, 0);
    yield Buffer.from(block.subarray(0, Math.min(CHUNK, SIZE - offset)));
  }
}

function digestOf(chunks) {
  const md5 = createHash('md5');
  let crc = 0;
  for (const chunk of chunks) {
    md5.update(chunk);
    crc = crc32(chunk, crc);
  }
  return { md5: md5.digest('hex'), crc32: crc >>> 0 };
}

const mb = (kb) => (kb / 1024).toFixed(1);
const server = await startServerProcess(fileURLToPath(new URL('../servers/emulator.mjs', import.meta.url)));
const samples = [];
const sampler = setInterval(() => samples.push(server.memoryKb('VmRSS') ?? 0), 100);
const s3 = new S3Client({
  endpoint: server.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
try {
  const expected = digestOf(blocks());
  const idleKb = server.memoryKb('VmRSS');
  await s3.send(new CreateBucketCommand({ Bucket: 'memory' }));

  let started = performance.now();
  const put = await s3.send(
    new PutObjectCommand({ Bucket: 'memory', Key: 'big.bin', Body: Readable.from(blocks()), ContentLength: SIZE, ChecksumAlgorithm: 'CRC32' }),
  );
  const putSeconds = (performance.now() - started) / 1000;
  const afterPutKb = Math.max(...samples);

  started = performance.now();
  const got = await s3.send(new GetObjectCommand({ Bucket: 'memory', Key: 'big.bin' }));
  const md5 = createHash('md5');
  let crc = 0;
  let received = 0;
  for await (const chunk of got.Body) {
    md5.update(chunk);
    crc = crc32(chunk, crc);
    received += chunk.length;
  }
  const getSeconds = (performance.now() - started) / 1000;
  const actual = { md5: md5.digest('hex'), crc32: crc >>> 0 };

  clearInterval(sampler);
  const peakKb = server.memoryKb('VmHWM');
  const gib = SIZE / 1024 ** 3;
  console.log(`| object | ${gib.toFixed(2)} GiB (${SIZE} bytes) |`);
  console.log('|---|---|');
  console.log(`| PUT (SDK stream, aws-chunked + CRC32 trailer) | ${putSeconds.toFixed(1)} s, ${((SIZE / 1024 ** 2) / putSeconds).toFixed(0)} MiB/s |`);
  console.log(`| GET (streamed) | ${getSeconds.toFixed(1)} s, ${((SIZE / 1024 ** 2) / getSeconds).toFixed(0)} MiB/s |`);
  console.log(`| emulator RSS idle | ${mb(idleKb)} MB |`);
  console.log(`| emulator RSS max sampled during PUT | ${mb(afterPutKb)} MB |`);
  console.log(`| emulator RSS max sampled overall | ${mb(Math.max(...samples))} MB (${samples.length} samples) |`);
  console.log(`| emulator peak RSS (VmHWM) | ${mb(peakKb)} MB (target < ${TARGET_PEAK_MB} MB) |`);
  const intact = received === SIZE && actual.md5 === expected.md5 && actual.crc32 === expected.crc32 && put.ETag === `"${expected.md5}"`;
  console.log(`| body intact (size, MD5 = ETag, CRC32) | ${intact ? 'yes' : `NO: ${JSON.stringify({ received, expected, actual, etag: put.ETag })}`} |`);
  if (!intact || peakKb / 1024 >= TARGET_PEAK_MB) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  s3.destroy();
  await server.stop();
}
