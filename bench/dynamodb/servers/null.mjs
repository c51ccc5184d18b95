// The floor of an SDK round-trip: a node:http server that stores nothing and answers each
// benchmarked DynamoDB operation with a canned, valid response (with the x-amz-crc32 checksum the
// SDK verifies). Scans are ten canned pages; the page asked for is read from ExclusiveStartKey.
import { createServer } from 'node:http';
import { crc32 } from 'node:zlib';
import { QUERY_PAGE, SCAN_BELOW, SCAN_ITEMS, SCAN_PAGE, TABLE, item, pad } from '../lib/items.mjs';

const table = { TableName: TABLE, TableStatus: 'ACTIVE', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] };
const scanPage = (page) => {
  const first = page * SCAN_PAGE;
  const kept = Array.from({ length: SCAN_PAGE }, (_, i) => first + i).filter((n) => n < SCAN_BELOW);
  const last = first + SCAN_PAGE >= SCAN_ITEMS;
  return {
    Items: kept.map((n) => item(`scan#${pad(n)}`, undefined, n)),
    Count: kept.length,
    ScannedCount: SCAN_PAGE,
    ...(last ? {} : { LastEvaluatedKey: { pk: { S: `scan#${pad(first + SCAN_PAGE - 1)}` } } }),
  };
};

const canned = (body) => {
  const bytes = Buffer.from(JSON.stringify(body));
  return { bytes, crc: String(crc32(bytes)) };
};
const answers = new Map(
  Object.entries({
    CreateTable: { TableDescription: table },
    DescribeTable: { Table: table },
    PutItem: {},
    GetItem: { Item: item('get#00000', '0', 0) },
    Query: { Items: Array.from({ length: QUERY_PAGE }, (_, i) => item('query#00000', pad(i), i)), Count: QUERY_PAGE, ScannedCount: QUERY_PAGE },
    UpdateItem: {},
    TransactWriteItems: {},
  }).map(([operation, body]) => [operation, canned(body)]),
);
const scanPages = Array.from({ length: SCAN_ITEMS / SCAN_PAGE }, (_, page) => canned(scanPage(page)));

const server = createServer({ keepAlive: true }, (req, res) => {
  const operation = String(req.headers['x-amz-target']).split('.')[1];
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.once('end', () => {
    let answer = answers.get(operation);
    if (operation === 'Scan') {
      const after = /scan#(\d+)/.exec(Buffer.concat(chunks).toString())?.[1];
      answer = scanPages[after === undefined ? 0 : (Number(after) + 1) / SCAN_PAGE];
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': answer.bytes.length, 'x-amzn-requestid': 'NULL', 'x-amz-crc32': answer.crc });
    res.end(answer.bytes);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ endpoint: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
