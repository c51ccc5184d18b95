/**
 * A child process for the kill tests: a DurableStateStore with a KvState on the directory given
 * as argument (its log lines on stderr), served over real HTTP through the aws-json codec (so answers pass its durability
 * barrier), `KvService.Set` with `{"key", "value"}`. Tells its parent the port over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { dynamoDbErrorStyle } from '../../src/dynamodb/errors.js';
import { serveJson, type JsonService } from '../../src/protocol/awsJson.js';
import { DurableStateStore } from '../../src/storage/durableStore.js';
import { KvState } from './kvState.js';

const directory = process.argv[2]!;
const store = new DurableStateStore(directory, { log: (line) => process.stderr.write(`${line}\n`) });
const kv = new KvState(store);
await store.open({ kv });

const service: JsonService = {
  style: dynamoDbErrorStyle,
  maxBodyBytes: 1024 * 1024,
  operation: (name) => (name === 'Set' ? (input) => (kv.set(String(input.key), String(input.value)), {}) : undefined),
  resourcesOf: () => [],
};
const server = createServer((req, res) => {
  serveJson(req, res, service, 'Set', { requestId: 'kill-test', now: 0, host: req.headers.host }, () => undefined, store);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.send!({ port: (server.address() as AddressInfo).port });
