/** The backend a run's configuration names. */
import { KumoError } from '../errors.js';
import type { ResolvedConfig } from '../config/options.js';
import type { EmulatorBackend } from './backend.js';
import { EmbeddedBackend } from './embedded.js';

export function backendFor(config: ResolvedConfig): EmulatorBackend {
  if (config.backend === 'embedded') return new EmbeddedBackend();
  throw new KumoError(
    `backend "${config.backend}" is not available yet (the container and endpoint backends come in a later release); use backend "embedded" (the default).`,
  );
}
