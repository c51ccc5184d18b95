export { main as runCli } from './cli.js';
export { KumoError } from './errors.js';
export { resolveConfig, describeConfig, type KumoOptions, type ResolvedConfig, type ServiceName } from './config/options.js';
export { createNamespace, type Namespace, type NamespaceInput } from './namespace.js';
export { createIds, type Ids } from './ids.js';
export { TestClock, type ClockControl } from './testClock.js';
export { createClients, clientConfig, TEST_CREDENTIALS, KUMO_NOW_HEADER, type Clients, type ClientName, type Connection } from './clients.js';
export { cleanNamespace, createCleaner, type Cleaner, type CleanupResult, type ResourceRef } from './cleanup.js';
