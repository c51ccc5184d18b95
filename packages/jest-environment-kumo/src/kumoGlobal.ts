/**
 * `globalThis.kumo` in a jest test file: the same objects the vitest fixtures give, as live
 * views over the file's session, so `kumo.ns` is the test's namespace inside a test (with
 * `namespace: 'test'`) and the file's in `beforeAll`. Clients are created on first use.
 */
import { liveViews, type ClockControl, type Clients, type FileSession, type Ids, type KumoInfo, type Namespace } from '@kumo-testkit/core';

export interface KumoGlobal extends KumoInfo {
  readonly s3: Clients['s3'];
  readonly ddb: Clients['ddb'];
  readonly doc: Clients['doc'];
  readonly sqs: Clients['sqs'];
  readonly ns: Namespace;
  readonly clock: ClockControl;
  readonly ids: Ids;
}

export function kumoGlobal(session: FileSession): KumoGlobal {
  const info = session.kumo;
  const { ns, ids, clock } = liveViews(session);
  return {
    endpoint: info.endpoint,
    region: info.region,
    credentials: info.credentials,
    backend: info.backend,
    mode: info.mode,
    clientConfig: () => info.clientConfig(),
    get s3() {
      return session.clients.s3;
    },
    get ddb() {
      return session.clients.ddb;
    },
    get doc() {
      return session.clients.doc;
    },
    get sqs() {
      return session.clients.sqs;
    },
    ns,
    clock,
    ids,
  };
}
