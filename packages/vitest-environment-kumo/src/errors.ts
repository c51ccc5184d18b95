import { KumoError } from '@kumo-testkit/core';

/** Throws the errors kumo collected (cleanup, leaks) as one, so the runner reports all of them. */
export function reportErrors(errors: readonly Error[], during: string): void {
  if (errors.length === 0) return;
  if (errors.length === 1) throw errors[0];
  throw new KumoError(`${errors.length} errors while ${during}:\n${errors.map((error) => `- ${error.message}`).join('\n')}`);
}
