/**
 * The time a service's rules see. Inject it with `@Inject(CLOCK)` wherever a
 * use case or a timer asks "what time is it" (a deadline, a due date), instead
 * of calling `new Date()`, so that a test can move time and watch deadlines
 * pass without waiting:
 *
 * ```ts
 * constructor(@Inject(CLOCK) private readonly clock: Clock) {}
 * const deadline = addDuration(this.clock.now(), this.settings.PAYMENT_DEADLINE);
 * ```
 *
 * The wall time of infrastructure (leases, log lines, retry pauses) stays
 * `Date.now()`: it is about processes, not business time.
 */
export interface Clock {
  now(): Date;
}

/** Injection token of the service's {@link Clock} (provided by RuntimeModule). */
export const CLOCK = Symbol('CLOCK');

/** The wall clock: what every service runs on outside tests. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
