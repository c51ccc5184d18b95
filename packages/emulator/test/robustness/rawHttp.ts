/**
 * A client that speaks HTTP/1.1 bytes directly (node:net), for requests no HTTP library would
 * send, and a strict parser of what the server answers.
 */
import { connect } from 'node:net';

export interface RawExchange {
  /** Bytes written in order, each as one socket write. */
  chunks: Buffer[];
  /**
   * After writing: `end` half-closes and waits for the server to answer and close; `destroy`
   * drops the connection at once (a client that goes away mid-request needs no answer).
   */
  finish: 'end' | 'destroy';
}

export interface RawResult {
  received: Buffer;
  /** `closed`: the server closed the connection; `timeout`: it neither answered fully nor closed. */
  outcome: 'closed' | 'timeout' | 'dropped';
  clientError?: string;
}

export function exchange(port: number, request: RawExchange, timeoutMs: number): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let clientError: string | undefined;
    const settle = (outcome: RawResult['outcome']): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received: Buffer.concat(received), outcome, ...(clientError ? { clientError } : {}) });
    };
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    socket.on('data', (data: Buffer) => received.push(data));
    // The server may answer and close before every byte is written (EPIPE, ECONNRESET).
    socket.on('error', (error: NodeJS.ErrnoException) => (clientError = error.code ?? error.message));
    socket.on('end', () => settle('closed'));
    socket.on('close', () => settle('closed'));
    socket.on('connect', () => {
      for (const chunk of request.chunks) socket.write(chunk);
      if (request.finish === 'end') socket.end();
      else setImmediate(() => settle('dropped'));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Splits a byte stream into HTTP responses, throwing on anything that is not one. 1xx interim
 * responses are skipped; `heads` says which answers (in order) are to HEAD requests, without a
 * body. With `allowTruncated`, a last response cut short is dropped instead of refused.
 */
export function parseResponses(bytes: Buffer, heads: readonly boolean[], allowTruncated = false): RawResponse[] {
  const responses: RawResponse[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', offset);
    if (headEnd < 0) {
      if (allowTruncated) break;
      throw new Error(`response head never ends: ${preview(bytes.subarray(offset))}`);
    }
    const [statusLine = '', ...lines] = bytes.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const statusMatch = /^HTTP\/1\.[01] (\d{3}) [^\r\n]*$/.exec(statusLine);
    if (!statusMatch) throw new Error(`not an HTTP status line: ${preview(Buffer.from(statusLine, 'latin1'))}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`malformed response header line: ${JSON.stringify(line)}`);
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusMatch[1]);
    offset = headEnd + 4;
    if (status < 200) continue;
    // A request refused before it could be parsed is answered with a body and closed, even if
    // it began with HEAD: the server never learned its method. Its Content-Length frames it.
    const refusedUnparsed = status === 400 && headers.connection?.toLowerCase() === 'close';
    const bodiless = (heads[responses.length] === true && !refusedUnparsed) || status === 204 || status === 304;
    const framed = bodiless ? { body: Buffer.alloc(0), next: offset } : readBody(bytes, offset, headers);
    if (!framed) {
      if (allowTruncated) break;
      throw new Error(`response ${status} body is shorter than its framing says`);
    }
    responses.push({ status, headers, body: framed.body });
    offset = framed.next;
  }
  return responses;
}

function readBody(bytes: Buffer, offset: number, headers: Record<string, string>): { body: Buffer; next: number } | undefined {
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = bytes.indexOf('\r\n', offset);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) throw new Error('malformed chunk size in a chunked response');
      offset = lineEnd + 2;
      if (size === 0) {
        const trailerEnd = bytes.indexOf('\r\n', offset);
        if (trailerEnd < 0) return undefined;
        return { body: Buffer.concat(parts), next: trailerEnd + 2 };
      }
      if (bytes.length < offset + size + 2) return undefined;
      parts.push(bytes.subarray(offset, offset + size));
      offset += size + 2;
    }
  }
  const lengthText = headers['content-length'];
  if (lengthText === undefined) return { body: bytes.subarray(offset), next: bytes.length };
  if (!/^\d+$/.test(lengthText)) throw new Error(`malformed content-length ${JSON.stringify(lengthText)}`);
  const end = offset + Number(lengthText);
  if (bytes.length < end) return undefined;
  return { body: bytes.subarray(offset, end), next: end };
}

export function preview(bytes: Buffer, limit = 160): string {
  const text = JSON.stringify(bytes.subarray(0, limit).toString('latin1'));
  return bytes.length > limit ? `${text}... (${bytes.length} bytes)` : text;
}
