/**
 * Thousands of malformed and hostile requests, generated from a seed and sent over raw TCP: the
 * emulator must answer each one it owes an answer with a parseable HTTP response (an S3 error
 * document when it refuses), never hang, never log an internal error, and keep serving.
 * KUMO_FUZZ_SEED picks another seed to explore with.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useS3 } from '../s3/harness.js';
import { addressingCategories } from './cases/addressing.js';
import { FIXTURE, answered, httpRequest, type HostileCase, type HostileCategory } from './cases/build.js';
import { requestBodyCategories } from './cases/requestBodies.js';
import { requestSyntaxCategories } from './cases/requestSyntax.js';
import { exchange, parseResponses, preview, type RawResult } from './rawHttp.js';
import { SeededRandom } from './seededRandom.js';
import { s3DocumentProblem } from './s3Documents.js';

const SEED = Number(process.env.KUMO_FUZZ_SEED ?? 20_250_101);
const EXCHANGE_TIMEOUT_MS = 10_000;
const CONCURRENCY = 8;
const categories: HostileCategory[] = [...requestSyntaxCategories, ...addressingCategories, ...requestBodyCategories];

const env = useS3();
const consoleErrors: unknown[][] = [];
const largeBody = Buffer.alloc(1536 * 1024, 'large-');

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
  await env.s3.send(new CreateBucketCommand({ Bucket: FIXTURE.bucket }));
  await env.s3.send(new CreateBucketCommand({ Bucket: FIXTURE.scratch }));
  await env.s3.send(new PutObjectCommand({ Bucket: FIXTURE.bucket, Key: FIXTURE.small, Body: 'small body, a hundred bytes or so' }));
  await env.s3.send(new PutObjectCommand({ Bucket: FIXTURE.bucket, Key: FIXTURE.large, Body: largeBody }));
  await env.s3.send(new PutObjectCommand({ Bucket: FIXTURE.bucket, Key: FIXTURE.empty, Body: '' }));
});

afterAll(() => {
  vi.restoreAllMocks();
});

function seedOf(category: HostileCategory): number {
  let hash = SEED;
  for (const char of category.name) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619);
  return hash >>> 0;
}

/** What is wrong with the server's behaviour for one hostile request, if anything. */
function problemsWith(hostile: HostileCase, result: RawResult): string[] {
  if (result.outcome === 'timeout') return [`neither answered nor closed within ${EXCHANGE_TIMEOUT_MS} ms`];
  let responses;
  try {
    responses = parseResponses(result.received, hostile.heads, !hostile.expectAnswer);
  } catch (error) {
    return [`unparseable answer: ${(error as Error).message}`];
  }
  const sent = Buffer.concat(hostile.exchange.chunks);
  const onlyBlankLines = /^[\r\n]*$/.test(sent.toString('latin1'));
  if (hostile.expectAnswer && responses.length === 0 && !onlyBlankLines) {
    return [`closed without an answer${result.clientError ? ` (${result.clientError})` : ''}`];
  }
  return responses.flatMap((response, index) => {
    const bodiless = response.body.length === 0 && (hostile.heads[index] === true || response.status === 204 || response.status === 304);
    const isXml = (response.headers['content-type'] ?? '').includes('xml');
    if (bodiless || (response.status < 300 && !isXml)) return [];
    const problem = s3DocumentProblem(response, response.status >= 300);
    return problem ? [`answer ${response.status}: ${problem}: ${preview(response.body, 300)}`] : [];
  });
}

async function runAll(cases: HostileCase[]): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const hostile = cases[next++]!;
      const result = await exchange(env.emulator.port, hostile.exchange, EXCHANGE_TIMEOUT_MS);
      for (const problem of problemsWith(hostile, result)) {
        problems.push(`${hostile.label}: ${problem} (sent ${preview(Buffer.concat(hostile.exchange.chunks))})`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return problems;
}

describe(`hostile requests (seed ${SEED})`, () => {
  it('sends at least 2,000 of them', () => {
    expect(categories.reduce((total, category) => total + category.count, 0)).toBeGreaterThanOrEqual(2000);
  });

  for (const category of categories) {
    it(`answers ${category.name} with well-formed responses and no internal error`, async () => {
      const random = new SeededRandom(seedOf(category));
      const cases = Array.from({ length: category.count }, (_, index) => category.make(random, index));
      const errorsBefore = consoleErrors.length;
      const problems = await runAll(cases);
      expect(problems.slice(0, 15), `${problems.length} of ${cases.length} requests were mishandled`).toEqual([]);
      const logged = consoleErrors.slice(errorsBefore).map((args) => args.map(String).join(' ').slice(0, 500));
      expect(logged.slice(0, 10), `${logged.length} internal errors were logged`).toEqual([]);
    }, 180_000);
  }

  it('answers for every bucket the hostile requests created, as ListBuckets and HeadBucket', async () => {
    const list = await exchange(env.emulator.port, { chunks: [httpRequest('GET', '/')], finish: 'end' }, EXCHANGE_TIMEOUT_MS);
    const [listing] = parseResponses(list.received, [false]);
    expect(listing?.status).toBe(200);
    expect(s3DocumentProblem(listing!, false)).toBeUndefined();
    const names = [...listing!.body.toString('utf8').matchAll(/<Name>([^<]*)<\/Name>/g)].map(([, name]) => name!);
    expect(names.length).toBeGreaterThan(2);
    const cases = names.map((name) => answered(`HEAD /${name}`, httpRequest('HEAD', `/${name}`), true));
    expect(await runAll(cases)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('still answers /health and a real SDK round-trip afterwards, with the fixture intact', async () => {
    const health = await fetch(`${env.emulator.endpoint}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'healthy' });

    // The scratch bucket may itself have been emptied and deleted by the hostile DELETEs.
    await env.s3.send(new CreateBucketCommand({ Bucket: 'after-the-storm' }));
    await env.s3.send(new PutObjectCommand({ Bucket: 'after-the-storm', Key: 'after/the/storm', Body: 'still here' }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket: 'after-the-storm', Key: 'after/the/storm' }));
    expect(await got.Body!.transformToString()).toBe('still here');
    const large = await env.s3.send(new GetObjectCommand({ Bucket: FIXTURE.bucket, Key: FIXTURE.large }));
    expect(Buffer.from(await large.Body!.transformToByteArray()).equals(largeBody)).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
