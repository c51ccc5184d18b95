/**
 * What the emulator answers below the S3 operations, over raw TCP: requests Node's parser
 * refuses, CONNECT, a missing Host, odd Expect values, clients that half-close, bodies cut
 * short or over a limit, and pipelined requests. Every answer is an S3 error document or the
 * operation's own answer, in order, and the connection never hangs.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useS3 } from '../s3/harness.js';
import { httpRequest } from './cases/build.js';
import { exchange, parseResponses, type RawResponse } from './rawHttp.js';
import { s3DocumentProblem } from './s3Documents.js';

const env = useS3();
const consoleErrors: unknown[][] = [];
let bucket: string;
/** Large enough to be kept in a file, so its answer starts only after a file read. */
const large = Buffer.alloc(1536 * 1024, 'large');

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
  bucket = await env.bucket('raw');
  await env.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'hello.txt', Body: 'hello' }));
  await env.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'large.bin', Body: large }));
});

afterAll(() => {
  vi.restoreAllMocks();
  expect(consoleErrors).toEqual([]);
});

/** Sends `chunks`, half-closes, and returns every answer once the server has closed. */
async function send(chunks: Buffer[], heads: boolean[] = []): Promise<RawResponse[]> {
  const result = await exchange(env.emulator.port, { chunks, finish: 'end' }, 10_000);
  expect(result.outcome).toBe('closed');
  return parseResponses(result.received, heads);
}

function errorCode(response: RawResponse | undefined): string | undefined {
  expect(response).toBeDefined();
  expect(s3DocumentProblem(response!, true)).toBeUndefined();
  return /<Code>([^<]*)<\/Code>/.exec(response!.body.toString('utf8'))?.[1];
}

describe('requests that never reach an operation', () => {
  it('answers a request line Node cannot parse with a BadRequest document and closes', async () => {
    const [answer, ...rest] = await send([Buffer.from('G@T / HTTP/1.1\r\nHost: x\r\n\r\n')]);
    expect(rest).toEqual([]);
    expect(answer!.status).toBe(400);
    expect(answer!.headers.connection).toBe('close');
    expect(errorCode(answer)).toBe('BadRequest');
    expect(answer!.body.toString('utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>BadRequest<\/Code>/);
    expect(answer!.body.toString('utf8')).toContain(`<RequestId>${answer!.headers['x-amz-request-id']}</RequestId><HostId>`);
  });

  it('answers a header section over 16 KiB with RequestHeaderSectionTooLarge', async () => {
    const [answer] = await send([httpRequest('GET', `/${bucket}/hello.txt`, [['x-amz-meta-big', 'b'.repeat(20_000)]])]);
    expect(answer!.status).toBe(400);
    expect(errorCode(answer)).toBe('RequestHeaderSectionTooLarge');
  });

  it('answers CONNECT with MethodNotAllowed instead of dropping the connection', async () => {
    const [answer] = await send([httpRequest('CONNECT', `/${bucket}`)]);
    expect(answer!.status).toBe(405);
    expect(errorCode(answer)).toBe('MethodNotAllowed');
    expect(answer!.body.toString('utf8')).toContain('<Method>CONNECT</Method><ResourceType>BUCKET</ResourceType>');
  });

  it('serves a request without Host path-style instead of refusing it without a body', async () => {
    const [answer] = await send([httpRequest('GET', `/${bucket}/hello.txt`, [], '', { host: null })]);
    expect(answer!.status).toBe(200);
    expect(answer!.body.toString()).toBe('hello');
  });

  it('ignores an Expect value other than 100-continue instead of answering 417 without a body', async () => {
    const [answer] = await send([httpRequest('PUT', `/${bucket}/expected.txt`, [['Expect', 'something-else']], 'body')]);
    expect(answer!.status).toBe(200);
    expect(answer!.headers.etag).toBe('"841a2d689ad86bd1611447453c22c6fc"');
  });
});

describe('connections with bodies that end early or go on too long', () => {
  it('still answers every request of a client that half-closes right after sending them', async () => {
    const responses = await send([Buffer.concat([httpRequest('GET', `/${bucket}/large.bin`), httpRequest('HEAD', `/${bucket}/hello.txt`)])], [false, true]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(responses[0]!.body.equals(large)).toBe(true);
    expect(responses[1]!.headers['content-length']).toBe('5');
  });

  it('answers a body shorter than its Content-Length, once, with IncompleteBody', async () => {
    const responses = await send([httpRequest('PUT', '/short-body-bucket', [], 'abc', { contentLength: '1000' })]);
    expect(responses).toHaveLength(1);
    expect(responses[0]!.status).toBe(400);
    expect(errorCode(responses[0])).toBe('IncompleteBody');
  });

  it('answers a body cut short in a request that also asks for an Upgrade, which Node reports no error for', async () => {
    const responses = await send([httpRequest('PUT', '/upgrade-bucket', [['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Transfer-Encoding', 'chunked']], '3\r\nabc\r\n', { contentLength: null })]);
    expect(responses).toHaveLength(1);
    expect(errorCode(responses[0])).toBe('IncompleteBody');
  });

  it('answers a body over the XML size limit with MaxMessageLengthExceeded and closes instead of hanging', async () => {
    const document = `<CreateBucketConfiguration>${'<a>x</a>'.repeat(300_000)}</CreateBucketConfiguration>`;
    const result = await exchange(env.emulator.port, { chunks: [httpRequest('PUT', '/too-big-body', [], document)], finish: 'end' }, 10_000);
    expect(result.outcome).toBe('closed');
    const [answer] = parseResponses(result.received, []);
    expect(errorCode(answer)).toBe('MaxMessageLengthExceeded');
    expect(answer!.headers.connection).toBe('close');
  });

  it('answers pipelined requests in order when the second cannot be parsed', async () => {
    const responses = await send([Buffer.concat([httpRequest('GET', `/${bucket}/hello.txt`), Buffer.from('GARBAGE\r\n\r\n')])]);
    expect(responses.map((response) => response.status)).toEqual([200, 400]);
    expect(responses[0]!.body.toString()).toBe('hello');
    expect(errorCode(responses[1])).toBe('BadRequest');
  });
});
