import type { KumoGlobal } from 'jest-environment-kumo';

declare global {
  /** What the kumo test environment gives each test file: clients, namespace, clock, ids, emulator. */
  var kumo: KumoGlobal;
}

export {};
