/** Sends a hostile request over plain HTTP and says what, if anything, is wrong with the answer. */
import { request, type Agent } from 'node:http';
import { crc32 } from 'node:zlib';
import type { HostileCase } from './hostileCase.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Outcome = { answer: Answer } | { failure: string };

/** Sends `kase`; a request neither answered nor failed within `timeoutMs` is a hang. */
export function send(port: number, agent: Agent, kase: HostileCase, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const outgoing = request({ host: '127.0.0.1', port, method: kase.method, path: '/', headers: kase.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ answer: { status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) } }));
      response.on('error', (error) => resolve({ failure: `answer broken off: ${error.message}` }));
    });
    outgoing.setTimeout(timeoutMs, () => {
      outgoing.destroy();
      resolve({ failure: `no answer within ${timeoutMs} ms` });
    });
    outgoing.on('error', (error) => resolve({ failure: `request failed: ${error.message}` }));
    outgoing.end(kase.body);
  });
}

/** What is wrong with the answer to `kase`, or undefined when it is the answer it must be. */
export function problemWith(kase: HostileCase, outcome: Outcome): string | undefined {
  if ('failure' in outcome) return outcome.failure;
  const { answer } = outcome;
  if (answer.status < 400 || answer.status > 499) return `status ${answer.status}: ${preview(answer.body)}`;
  switch (kase.expect.kind) {
    case 'notAJsonCall': {
      const body = answer.body.toString('utf8');
      if (answer.status !== 404) return `status ${answer.status} instead of 404`;
      if (kase.method !== 'HEAD' && body !== '<UnknownOperationException/>\n') return `body ${preview(answer.body)} instead of <UnknownOperationException/>`;
      return undefined;
    }
    case 's3Error': {
      const body = answer.body.toString('utf8');
      return String(answer.headers['content-type']).includes('xml') && /<Error><Code>\w+<\/Code><Message>[^<]+<\/Message>/.test(body)
        ? undefined
        : `not an S3 error document: ${preview(answer.body)}`;
    }
    case 'jsonError':
      return jsonErrorProblem(answer, kase.expect.code, kase.expect.message);
  }
}

function jsonErrorProblem(answer: Answer, code: string | undefined, message: string | undefined): string | undefined {
  if (answer.headers['content-type'] !== 'application/x-amz-json-1.0') return `content-type ${String(answer.headers['content-type'])}`;
  if (!answer.headers['x-amzn-requestid']) return 'no x-amzn-requestid';
  if (Number(answer.headers['x-amz-crc32']) !== crc32(answer.body)) return 'x-amz-crc32 does not match the body';
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return `body is not JSON: ${preview(answer.body)}`;
  }
  const type = json.__type;
  const text = json.message ?? json.Message;
  if (typeof type !== 'string' || !/^com\.amazon[\w.]*#\w+$/.test(type)) return `no __type: ${preview(answer.body)}`;
  if (typeof text !== 'string' || text === '') return `no message: ${preview(answer.body)}`;
  if (code !== undefined && !type.endsWith(`#${code}`)) return `${type} instead of ${code}: ${preview(answer.body)}`;
  if (message !== undefined && text !== message) return `message ${JSON.stringify(text.slice(0, 300))} instead of ${JSON.stringify(message)}`;
  return undefined;
}

export function preview(body: Buffer, length = 300): string {
  const text = body.toString('utf8');
  return JSON.stringify(text.length > length ? `${text.slice(0, length)}…(${body.length} bytes)` : text);
}
