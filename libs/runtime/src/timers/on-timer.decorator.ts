import { SetMetadata } from '@nestjs/common';

export const TIMER_HANDLER = 'netdirect:timer-handler';

/** A due timer, as its handler receives it. */
export interface TimerFired<T = unknown> {
  kind: string;
  /** The id it was scheduled with (unique within its kind). */
  id: string;
  data: T;
  /** When it was due (by the service's clock); it runs at most TIMERS_POLL_MS later, or later after a failure. */
  dueAt: Date;
  /** 1 on the first run; more after failures or a crash of the replica that ran it. */
  attempt: number;
  /**
   * Stable id of this firing (the same on every retry of it): the causation id
   * of what the handler records. Give events recorded here an id derived from
   * it (`derivedId(fired.firingId, 'OrderExpired')`) so a re-run records the
   * same event.
   */
  firingId: string;
}

/** A timer handler. Throw to have it retried with backoff; throw a `PermanentError` to record the timer as failed at once. */
export type TimerHandler<T = unknown> = (fired: TimerFired<T>) => Promise<void> | void;

/**
 * Marks a provider method as the handler of one kind of durable timer
 * (see TimerService). The method runs on one replica at a time, at least once
 * per firing, in a CLS context whose correlation id is that of the request or
 * message that scheduled the timer: make it state-guarded and idempotent.
 *
 * ```ts
 * @Injectable()
 * export class PaymentDeadlineHandler {
 *   @OnTimer('payment-deadline')
 *   async expire({ id: orderId }: TimerFired) {
 *     // cancels only if the order still awaits payment; a second run changes nothing
 *     await this.cancelUnpaidOrder.execute(orderId);
 *   }
 * }
 * ```
 */
export const OnTimer = (kind: string): MethodDecorator => SetMetadata(TIMER_HANDLER, kind);
