import { afterEach, describe, expect, it } from 'vitest';
import { KumoError, TestClock } from '@kumo-testkit/core';

const START = Date.parse('2025-01-01T00:00:00.000Z');
const clocks: TestClock[] = [];
function clock(start: number | false = START, toFake: readonly string[] = ['Date']): TestClock {
  const made = new TestClock(start, toFake);
  clocks.push(made);
  return made;
}
afterEach(() => {
  for (const made of clocks.splice(0)) made.uninstall();
});

const realDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('TestClock', () => {
  it('freezes Date at the start instant once installed', async () => {
    const testClock = clock();
    expect(testClock.now()).toBe(START);
    testClock.install();
    expect(Date.now()).toBe(START);
    expect(new Date().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    await realDelay(20);
    expect(Date.now()).toBe(START);
    expect(testClock.now()).toBe(START);
  });

  it('moves with tick(ms) and set(epoch ms | ISO string | Date), and reset() goes back to the start', () => {
    const testClock = clock();
    testClock.install();
    testClock.tick(1500);
    expect(Date.now()).toBe(START + 1500);
    testClock.set('2030-06-01T12:00:00.000Z');
    expect(new Date().toISOString()).toBe('2030-06-01T12:00:00.000Z');
    testClock.set(new Date('2020-02-29T00:00:00.000Z'));
    expect(testClock.now()).toBe(Date.UTC(2020, 1, 29));
    testClock.set(0);
    expect(Date.now()).toBe(0);
    testClock.reset();
    expect(Date.now()).toBe(START);
    expect(testClock.now()).toBe(START);
  });

  it('leaves real timers running by default, so SDK timeouts and retries work', async () => {
    const testClock = clock();
    testClock.install();
    let fired = false;
    setTimeout(() => (fired = true), 5);
    await realDelay(30);
    expect(fired).toBe(true);
    expect(Date.now()).toBe(START);
  });

  it('fakes the timers fakeTimers names: they fire on tick, and reset() drops the pending ones', () => {
    const testClock = clock(START, ['Date', 'setTimeout']);
    testClock.install();
    const fired: string[] = [];
    setTimeout(() => fired.push('first'), 1000);
    testClock.tick(999);
    expect(fired).toEqual([]);
    testClock.tick(1);
    expect(fired).toEqual(['first']);
    setTimeout(() => fired.push('dropped'), 10);
    testClock.reset();
    testClock.tick(100);
    expect(fired).toEqual(['first']);
  });

  it('restores the real Date on uninstall', () => {
    const testClock = clock();
    testClock.install();
    testClock.uninstall();
    expect((Date as { isFake?: boolean }).isFake).toBeUndefined();
    expect(Date.now()).toBeGreaterThan(START);
  });

  it('with clock false, reads real time and refuses to move', () => {
    const testClock = clock(false);
    testClock.install();
    const before = Date.now();
    expect(testClock.now()).toBeGreaterThanOrEqual(before);
    expect((Date as { isFake?: boolean }).isFake).toBeUndefined();
    expect(() => testClock.tick(10)).toThrow(KumoError);
    expect(() => testClock.set(0)).toThrow(
      "clock.set() cannot move the clock: the kumo option clock is false, so tests run on real time. Give clock a start instant (e.g. clock: '2025-01-01T00:00:00.000Z') to control time.",
    );
  });

  it('refuses bad moves with a message saying what to give', () => {
    const testClock = clock();
    expect(() => testClock.tick(1)).toThrow(/clock.tick\(\) was called outside a test/);
    testClock.install();
    expect(() => testClock.tick(-5)).toThrow('clock.tick(-5): give a finite number of milliseconds, 0 or more; to go back in time use clock.set(instant).');
    expect(() => testClock.set('2025-01-01T00:00:00')).toThrow(/^clock.set\("2025-01-01T00:00:00"\): not an instant; give epoch milliseconds/);
    expect(() => testClock.set(new Date(Number.NaN))).toThrow(KumoError);
  });

  it('explains a second fake clock on the same global (vi.useFakeTimers, jest.useFakeTimers)', () => {
    clock().install();
    expect(() => clock().install()).toThrow(/kumo could not freeze the clock: .*Date is already faked/);
  });
});
