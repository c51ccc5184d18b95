/** Requests broken at the HTTP layer: noise, request lines, header sections, methods, pipelining. */
import type { SeededRandom } from '../seededRandom.js';
import { FIXTURE, anyTarget, answered, httpRequest, type HostileCategory } from './build.js';

const randomBytes: HostileCategory = {
  name: 'random bytes as a request',
  count: 200,
  make(random, index) {
    const length = random.int(1, 3000);
    const kind = index % 3;
    const bytes =
      kind === 0
        ? random.bytes(length)
        : kind === 1
          ? Buffer.from(random.text(length), 'latin1')
          : Buffer.concat([Buffer.from(`GET /${FIXTURE.bucket}`), random.bytes(length)]);
    return answered(`random bytes #${index} (${['binary', 'printable', 'after a request line start'][kind]})`, bytes);
  },
};

const BROKEN_REQUEST_LINES = [
  'GET  /fixture HTTP/1.1', 'GET /fixture HTTP/1.2', 'GET /fixture HTTP/2.0', 'GET /fixture HTTP/1', 'GET /fixture HTTP/',
  'GET /fixture HTTP/1.1 extra', 'GET /fixture', 'GET', 'get /fixture HTTP/1.1', 'G@T /fixture HTTP/1.1', 'GET /fix ture HTTP/1.1',
  'GET /fixture\x00 HTTP/1.1', 'GET /\x7f HTTP/1.1', 'GET /\x01 HTTP/1.1', 'GET http://127.0.0.1/fixture HTTP/1.1', 'OPTIONS * HTTP/1.1',
  'GET fixture HTTP/1.1', ' GET /fixture HTTP/1.1', 'GET\t/fixture HTTP/1.1', 'GET /fixture HTTP/1.1\r', 'GET /fixture?%zz HTTP/1.1',
  'GET /fixture?list-type=2&max-keys=%ZZ HTTP/1.1', 'GET /%ff%fe HTTP/1.1', 'GET /fixture#fragment HTTP/1.1', 'GET //fixture HTTP/1.1',
  'GET /fixture?&&&=&= HTTP/1.1', 'PRI * HTTP/2.0', 'GET /fixture/small.txt HTTP/0.9', 'GET /é HTTP/1.1', 'DELETE / HTTP/1.1',
];

const requestLines: HostileCategory = {
  name: 'truncated and invalid request lines',
  count: 220,
  make(random, index) {
    if (index % 3 === 0) {
      const whole = httpRequest('GET', `/${FIXTURE.bucket}/${FIXTURE.small}`, [['x-amz-date', '20250101T000000Z']]);
      const cut = random.int(1, whole.length - 1);
      return answered(`request truncated after ${cut} of ${whole.length} bytes`, whole.subarray(0, cut));
    }
    if (index % 3 === 1) {
      const line = random.pick(BROKEN_REQUEST_LINES);
      const lf = random.chance(0.2) ? '\n' : '\r\n';
      return answered(`request line ${JSON.stringify(line)}`, Buffer.from(`${line}${lf}Host: 127.0.0.1${lf}${lf}`, 'latin1'));
    }
    const target = random.chance(0.5) ? `/${'a'.repeat(random.int(1000, 40_000))}` : `/${FIXTURE.bucket}?${random.text(random.int(1, 300))}`;
    return answered(`long or noisy request target of ${target.length} characters`, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 'latin1'));
  },
};

/** One odd header (or header section) each; several are combined per request. */
function oddHeader(random: SeededRandom): string {
  const odd = [
    'NoColon', 'Host : 127.0.0.1', 'X-Folded: a\r\n folded', 'X-Nul: a\x00b', 'X-Cr: a\rb', 'X-D\x7fl: v', 'X-Latin: caf\xe9',
    'X-Empty:', ': no-name', 'Content-Length: -1', 'Content-Length: abc', 'Content-Length: 1, 2', 'Content-Length: 99999999999999999999999',
    'Content-Length: 3\r\nContent-Length: 4', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip', 'Transfer-Encoding: chunked, identity',
    'Host: other', 'Expect: 100-continue', 'Expect: something-else', 'Upgrade: h2c\r\nConnection: Upgrade', 'Upgrade: websocket\r\nConnection: Upgrade',
    'Connection: close', 'Connection: keep-alive, Upgrade', 'x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'Content-Encoding: aws-chunked',
    'x-amz-decoded-content-length: 5', 'x-amz-decoded-content-length: -5', 'x-amz-trailer: x-amz-checksum-nope', 'x-amz-checksum-crc32: !!!',
    'x-amz-checksum-crc32: AAAAAA==\r\nx-amz-checksum-sha1: AAAA', 'x-amz-sdk-checksum-algorithm: MD4', 'Content-MD5: not-base64',
    'x-amz-storage-class: PLATINUM', 'x-amz-tagging: %%%=%%%&&', `x-amz-meta-big: ${'m'.repeat(3000)}`, 'If-Match: ', 'If-None-Match: etag',
    'If-Modified-Since: yesterday', 'If-Unmodified-Since: Thu, 99 Foo 20x5', 'Range: bytes=5-1', 'x-amz-copy-source: /../../etc/passwd',
    'x-amz-copy-source: %ZZ', 'x-amz-checksum-mode: ENABLED', 'x-amz-bucket-object-lock-enabled: maybe', 'Authorization: AWS4-HMAC-SHA256 garbage',
    'x-amz-date: never', 'Content-Type: \xff\xfe',
  ];
  return random.pick(odd);
}

const headerSections: HostileCategory = {
  name: 'bad and huge headers',
  count: 220,
  make(random, index) {
    const method = random.pick(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);
    const target = anyTarget(random, method);
    const head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n`;
    let headers: string;
    let label: string;
    if (index % 4 === 0) {
      const count = random.int(500, 5000);
      headers = Array.from({ length: count }, (_, n) => `x-h${n}: ${random.text(random.int(0, 8), 'abcdef')}\r\n`).join('');
      label = `${count} headers`;
    } else if (index % 4 === 1) {
      const size = random.int(8 * 1024, 48 * 1024);
      headers = `x-amz-meta-huge: ${'h'.repeat(size)}\r\n`;
      label = `one ${size}-byte header`;
    } else {
      const picked = Array.from({ length: random.int(1, 4) }, () => oddHeader(random));
      headers = picked.map((line) => `${line}\r\n`).join('');
      label = `headers ${JSON.stringify(picked).slice(0, 200)}`;
    }
    const body = method === 'PUT' || method === 'POST' ? random.text(random.int(0, 40)) : '';
    const hasLength = /content-length|transfer-encoding/i.test(headers);
    const length = hasLength || body === '' ? '' : `Content-Length: ${body.length}\r\n`;
    return answered(`${method} ${target} with ${label}`, Buffer.from(`${head}${headers}${length}\r\n${body}`, 'latin1'), method === 'HEAD');
  },
};

const ODD_METHODS = ['PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'REPORT', 'COPY', 'MOVE', 'QUERY', 'BREW', 'LINK'];

const wrongMethods: HostileCategory = {
  name: 'wrong methods on the service, buckets and objects',
  count: 120,
  make(random, index) {
    const method = ODD_METHODS[index % ODD_METHODS.length]!;
    const target = method === 'CONNECT' && random.chance(0.3) ? '127.0.0.1:443' : anyTarget(random, method);
    const body = random.chance(0.3) ? random.text(random.int(1, 64)) : '';
    return answered(`${method} ${target}`, httpRequest(method, target, [], body));
  },
};

const pipelined: HostileCategory = {
  name: 'a valid request followed by a broken one on the same connection',
  count: 60,
  make(random, index) {
    const first = httpRequest('GET', `/${FIXTURE.bucket}/${FIXTURE.small}`);
    const second = random.pick([
      Buffer.from('GARBAGE\r\n\r\n'),
      random.bytes(random.int(1, 200)),
      httpRequest('GET', `/${FIXTURE.bucket}/%ZZ`),
      httpRequest('PATCH', `/${FIXTURE.bucket}`),
      Buffer.from(`GET /${FIXTURE.bucket} HTTP/1.1\r\nHost: 127.0.0.1\r\nx: ${'y'.repeat(20_000)}\r\n\r\n`),
    ]);
    return answered(`pipelined pair #${index}`, random.chance(0.5) ? [first, second] : [Buffer.concat([first, second])]);
  },
};

export const requestSyntaxCategories = [randomBytes, requestLines, headerSections, wrongMethods, pipelined];
