/**
 * What a test holds as `ns`, `ids` and `clock`: views that always answer for the scope running
 * now, so the same object works in a suite hook (the file's namespace and ids) and in a test
 * (its own with `namespace: 'test'`). Both runner adapters hand these to tests.
 */
import type { Ids } from './ids.js';
import type { Namespace } from './namespace.js';
import type { FileSession } from './session.js';
import type { ClockControl } from './testClock.js';

export interface LiveViews {
  ns: Namespace;
  ids: Ids;
  clock: ClockControl;
}

export function liveViews(session: FileSession): LiveViews {
  return {
    ns: {
      get id() {
        return session.ns.id;
      },
      bucket: (name) => session.ns.bucket(name),
      table: (name) => session.ns.table(name),
      queue: (name) => session.ns.queue(name),
    },
    ids: { next: (prefix) => session.ids.next(prefix), uuid: () => session.ids.uuid() },
    clock: { now: () => session.clock.now(), tick: (ms) => session.clock.tick(ms), set: (time) => session.clock.set(time) },
  };
}
