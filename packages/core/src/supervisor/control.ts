/**
 * The supervisor's control channel: HTTP on 127.0.0.1, every request carrying the run's token
 * (`x-kumo-token`), which only the user who can read the private run directory knows.
 *   POST /acquire {"slot","region","report"?,"storage"?} -> the slot's EmulatorRecord
 *   POST /clean {"connection","namespaceId","services"} -> the CleanupAnswer of that namespace on one of the run's emulators
 *   GET  /run                       -> the RunRecord so far
 *   POST /stop                      -> stops every emulator, answers the final RunRecord; the supervisor then exits
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Connection } from '../clients.js';
import type { ServiceName } from '../config/options.js';
import { KumoError } from '../errors.js';
import type { RunReportTarget, StorageRequest } from './runRecord.js';
import type { Supervisor } from './supervisor.js';

export async function startControl(supervisor: Supervisor, token: string, onStopped: () => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.headers['x-kumo-token'] !== token) {
      answer(res, 403, { message: 'the kumo-testkit supervisor answers only requests with its run token (from the rendezvous file).' });
      return;
    }
    route(req, supervisor)
      .then((body) => answer(res, 200, body))
      .catch((error: unknown) => answer(res, error instanceof KumoError ? 409 : 500, { message: (error as Error).message }))
      .finally(() => {
        if (req.url === '/stop') onStopped();
      });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function route(req: IncomingMessage, supervisor: Supervisor): Promise<unknown> {
  const call = `${req.method} ${req.url}`;
  switch (call) {
    case 'POST /acquire': {
      const { slot, region, report, storage } = JSON.parse(await readBody(req)) as { slot: string; region: string; report?: RunReportTarget; storage?: StorageRequest };
      return supervisor.acquire(String(slot), String(region), report, storage);
    }
    case 'POST /clean': {
      const { connection, namespaceId, services } = JSON.parse(await readBody(req)) as { connection: Connection; namespaceId: string; services: ServiceName[] };
      return supervisor.clean(connection, String(namespaceId), services);
    }
    case 'GET /run':
      return supervisor.record;
    case 'POST /stop':
      return supervisor.stop('requested');
    default:
      throw new KumoError(`the kumo-testkit supervisor has no "${call}"; it answers POST /acquire, POST /clean, GET /run and POST /stop.`);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
  res.end(bytes);
}
