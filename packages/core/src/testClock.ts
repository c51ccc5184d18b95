/**
 * The test's clock: @sinonjs/fake-timers frozen at the configured instant. By default it fakes
 * only Date, so the SDK's timeouts, retries and sockets keep running on real timers while every
 * timestamp (SigV4's X-Amz-Date, x-kumo-now, the application's own `new Date()`) reads the test's
 * time. Every test starts at the same instant: reset() goes back to it.
 */
import { withGlobal, type FakeMethod, type Clock as InstalledClock } from '@sinonjs/fake-timers';
import { KumoError } from './errors.js';
import { INSTANT_FORMS, parseInstant } from './instant.js';

export interface ClockControl {
  /** The test's time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by `ms`, firing the faked timers that come due. */
  tick(ms: number): void;
  /** Puts the clock at an instant (epoch ms, ISO string with offset, or Date), forward or back. */
  set(time: number | string | Date): void;
}

export class TestClock implements ClockControl {
  private installed: InstalledClock | undefined;

  constructor(
    private readonly start: number | false,
    private readonly toFake: readonly string[],
    /** The global whose timers are faked: jest runs a file's tests in a context of their own. */
    private readonly target: typeof globalThis = globalThis,
  ) {}

  install(): void {
    if (this.start === false || this.installed) return;
    try {
      this.installed = withGlobal(this.target).install({
        now: this.start,
        // The config only lets through names FAKEABLE lists, all of them FakeMethods.
        toFake: [...this.toFake] as FakeMethod[],
        shouldAdvanceTime: false,
      });
    } catch (error) {
      throw new KumoError(
        `kumo could not freeze the clock: ${(error as Error).message} Date is already faked, most likely by vi.useFakeTimers() or jest.useFakeTimers(); use the kumo clock fixture (clock.tick, clock.set) instead, or set the kumo option clock: false.`,
        { cause: error },
      );
    }
  }

  /** Back to the start instant, with every pending fake timer dropped. */
  reset(): void {
    this.installed?.reset();
  }

  uninstall(): void {
    this.installed?.uninstall();
    this.installed = undefined;
  }

  now(): number {
    if (this.start === false) return realNow();
    return this.installed ? this.installed.now : this.start;
  }

  tick(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new KumoError(`clock.tick(${String(ms)}): give a finite number of milliseconds, 0 or more; to go back in time use clock.set(instant).`);
    }
    this.running('tick').tick(ms);
  }

  set(time: number | string | Date): void {
    const instant = parseInstant(time);
    if (instant === undefined) {
      throw new KumoError(`clock.set(${JSON.stringify(time) ?? String(time)}): not an instant; give ${INSTANT_FORMS}.`);
    }
    this.running('set').setSystemTime(instant);
  }

  private running(method: string): InstalledClock {
    if (this.start === false) {
      throw new KumoError(
        `clock.${method}() cannot move the clock: the kumo option clock is false, so tests run on real time. Give clock a start instant (e.g. clock: '2025-01-01T00:00:00.000Z') to control time.`,
      );
    }
    if (!this.installed) {
      throw new KumoError(`clock.${method}() was called outside a test: the kumo clock is installed while a test file runs; move the call into a test or hook.`);
    }
    return this.installed;
  }
}

/** With clock: false the test clock is the system clock, the one place the toolkit reads it. */
function realNow(): number {
  return Date.now();
}
