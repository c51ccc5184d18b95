// The floor of an SDK round-trip: a node:http server that stores nothing and answers each
// benchmarked operation with a canned, valid S3 response. A GET's body size comes from the key
// (`<n>.bin` is n bytes, anything else 1 KiB); listings are ten canned pages of 100 keys.
import { createServer } from 'node:http';
import { URLSearchParams } from 'node:url';

const SMALL = Buffer.alloc(1024, 'n');
const bodies = new Map();
const ETAG = '"0f343b0931126a20f133d67c2b018a3b"';
const LAST_MODIFIED = 'Wed, 01 Jan 2025 00:00:00 GMT';
const PAGE_SIZE = 100;
const PAGES = 10;

function listPage(bucket, page) {
  const contents = Array.from({ length: PAGE_SIZE }, (_, i) => {
    const key = `list/${String(page * PAGE_SIZE + i).padStart(5, '0')}`;
    return `<Contents><Key>${key}</Key><LastModified>2025-01-01T00:00:00.000Z</LastModified><ETag>&quot;0f343b0931126a20f133d67c2b018a3b&quot;</ETag><Size>1024</Size><StorageClass>STANDARD</StorageClass></Contents>`;
  }).join('');
  const last = page === PAGES - 1;
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Name>${bucket}</Name><Prefix></Prefix><KeyCount>${PAGE_SIZE}</KeyCount><MaxKeys>${PAGE_SIZE}</MaxKeys><IsTruncated>${!last}</IsTruncated>` +
      (page > 0 ? `<ContinuationToken>page-${page}</ContinuationToken>` : '') +
      (last ? '' : `<NextContinuationToken>page-${page + 1}</NextContinuationToken>`) +
      `${contents}</ListBucketResult>`,
  );
}

function bodyFor(key) {
  const size = /(\d+)\.bin$/.exec(key)?.[1];
  if (size === undefined) return SMALL;
  if (!bodies.has(size)) bodies.set(size, Buffer.alloc(Number(size), 'n'));
  return bodies.get(size);
}

const server = createServer({ keepAlive: true }, (req, res) => {
  const [path, query = ''] = (req.url ?? '/').split('?');
  const [, bucket = '', ...keyParts] = path.split('/');
  const key = keyParts.join('/');
  const params = new URLSearchParams(query);
  const answer = (status, headers, body) => {
    res.writeHead(status, { 'x-amz-request-id': 'NULL', 'content-length': body?.length ?? 0, ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  req.resume();
  req.once('end', () => {
    if (req.method === 'PUT') return answer(200, key ? { etag: ETAG } : { location: `/${bucket}` });
    if (req.method === 'DELETE') return answer(204, {});
    if (key !== '') {
      return answer(200, { etag: ETAG, 'last-modified': LAST_MODIFIED, 'content-type': 'binary/octet-stream', 'accept-ranges': 'bytes' }, bodyFor(key));
    }
    if (params.get('list-type') === '2') {
      const page = Number(params.get('continuation-token')?.slice('page-'.length) ?? 0);
      return answer(200, { 'content-type': 'application/xml' }, listPage(bucket, page));
    }
    return answer(200, {}, undefined);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ endpoint: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
