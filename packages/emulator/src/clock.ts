/**
 * The one time source of the emulator. Every service reads time through a Clock so that the
 * test toolkit can drive it (a frozen or ticking test clock); nothing in the emulator calls
 * Date.now() directly.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stays where it is put: for tests of the emulator itself. */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  set(epochMillis: number): void {
    this.current = epochMillis;
  }

  tick(millis: number): void {
    this.current += millis;
  }
}
