// Diagnostic, not a benchmark: server CPU per operation with a lean raw-HTTP client (node:http,
// keep-alive, 8 in flight), so that the server rather than the SDK is the busy side, for the
// emulator and the null server. Prints, per operation, the median of 3 runs of each and their
// ratio. PROF=<dir> runs the emulator under `node --cpu-prof`. Needs `pnpm build` first.
//   OPS=UpdateItem,Scan N=20000 PROF=/tmp/profile node bench/dynamodb/serverOnly.mjs
import { Agent, request } from 'node:http';
import { median, runPool } from '../lib/runner.mjs';
import { startServerProcess } from '../lib/serverProcess.mjs';

const N = Number(process.env.N ?? 20000);
const profile = process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : [];
const emulator = await startServerProcess(new URL('../servers/emulator.mjs', import.meta.url).pathname, { nodeOptions: profile });
const floor = await startServerProcess(new URL('./servers/null.mjs', import.meta.url).pathname);

function send(endpoint, agent, operation, body) {
  return new Promise((resolve, reject) => {
    const headers = {
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(body),
    };
    const req = request(endpoint, { method: 'POST', agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve([res.statusCode, Buffer.concat(chunks).toString()]));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const createTable = JSON.stringify({
  TableName: 'bench',
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
});
const key = (i) => ({ pk: { S: `k${i % 1000}` }, sk: { S: '0' } });
const item = (i) => ({ ...key(i), n: { N: String(i % 1000) }, payload: { S: 'x'.repeat(100) } });
let transactions = 0;
const operations = {
  PutItem: (i) => ({ TableName: 'bench', Item: item(i) }),
  GetItem: (i) => ({ TableName: 'bench', Key: key(i) }),
  UpdateItem: (i) => ({
    TableName: 'bench',
    Key: key(i),
    UpdateExpression: 'SET #n = #n + :one, payload = :payload',
    ConditionExpression: 'attribute_exists(pk) AND #n >= :zero',
    ExpressionAttributeNames: { '#n': 'n' },
    ExpressionAttributeValues: { ':one': { N: '1' }, ':zero': { N: '0' }, ':payload': { S: `updated ${i}` } },
  }),
  // With a ClientRequestToken of its own, as the SDK sends with every transaction.
  TransactWriteItems: (i) => ({
    ClientRequestToken: `bench-${(transactions += 1)}`,
    TransactItems: Array.from({ length: 10 }, (_, j) => ({ Put: { TableName: 'bench', Item: { ...item(i), pk: { S: `t${i % 100}` }, sk: { S: String(j) } } } })),
  }),
  // The first page (100 of the 1,000 items) of a filtered Scan.
  Scan: () => ({
    TableName: 'bench',
    Limit: 100,
    FilterExpression: '#n < :below',
    ExpressionAttributeNames: { '#n': 'n' },
    ExpressionAttributeValues: { ':below': { N: '500' } },
  }),
};

for (const server of [emulator, floor]) {
  const agent = new Agent({ keepAlive: true });
  await send(server.endpoint, agent, 'CreateTable', createTable);
  await runPool(1000, 8, (i) => send(server.endpoint, agent, 'PutItem', JSON.stringify(operations.PutItem(i))));
  agent.destroy();
}
const chosen = process.env.OPS?.split(',') ?? Object.keys(operations);
for (const name of chosen) {
  const bodyOf = operations[name];
  if (!bodyOf) throw new Error(`OPS names "${name}"; known operations: ${Object.keys(operations).join(', ')}`);
  const runs = { emulator: [], null: [] };
  for (let round = 0; round < 3; round += 1) {
    for (const [label, server] of [['emulator', emulator], ['null', floor]]) {
      const agent = new Agent({ keepAlive: true });
      const before = server.cpuMicros();
      await runPool(N, 8, async (i) => {
        const [status, body] = await send(server.endpoint, agent, name, JSON.stringify(bodyOf(i)));
        if (status !== 200 && label === 'emulator') throw new Error(`${name} answered ${status}: ${body}`);
      });
      runs[label].push((server.cpuMicros() - before) / N);
      agent.destroy();
    }
  }
  const [ours, theirs] = [median(runs.emulator), median(runs.null)];
  console.log(`${name}: emulator ${ours.toFixed(1)} µs/op, null ${theirs.toFixed(1)} µs/op, ratio ${(ours / theirs).toFixed(2)}`);
}
await emulator.stop();
await floor.stop();
