import { Clock } from './clock';
import { parseDuration } from './duration';

/**
 * A clock that stands still until a test moves it. Boot a service with
 * `CLOCK=test` (and optionally `CLOCK_START=2030-01-01T00:00:00Z`), take the
 * clock from the application and move it; the timer poller wakes at once on
 * every move, so due timers run without waiting for the next poll:
 *
 * ```ts
 * const svc = await startTestService(AppModule, { CLOCK: 'test' });
 * const clock = svc.app.get<TestClock>(CLOCK);
 * clock.advance('30m'); // or clock.advance(30 * 60_000), clock.set('2030-01-02T00:00:00Z')
 * ```
 */
export class TestClock implements Clock {
  private current: number;
  private readonly listeners = new Set<(now: Date) => void>();

  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new Error(`TestClock: invalid start ${String(start)}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Move to a given instant (backwards too) and tell the listeners. */
  set(at: Date | string): Date {
    const next = new Date(at).getTime();
    if (Number.isNaN(next)) throw new Error(`TestClock: invalid time ${String(at)}`);
    this.current = next;
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  /** Move forward by milliseconds or a duration (`'30m'`, `'P3D'`); returns the new time. */
  advance(by: number | string): Date {
    const ms = typeof by === 'number' ? by : parseDuration(by);
    return this.set(new Date(this.current + ms));
  }

  /** Be told after every move (the timer poller uses this); returns the unsubscribe function. */
  onChange(listener: (now: Date) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function isTestClock(clock: Clock): clock is TestClock {
  return clock instanceof TestClock;
}
