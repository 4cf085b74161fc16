/**
 * A handler's answer when an event arrived before something it depends on
 * (an `OrderPaid` before its `OrderPlaced`, say, when they come on different
 * topics). Throw or return it; the runtime then parks the message in the
 * service's database (`deferred_events`), commits its offset so the partition
 * moves on, and runs the handler again with backoff until it succeeds or
 * CONSUMER_DEFER_MAX_MINUTES pass; then it dead-letters the message with kind
 * `prerequisite-timeout` and this reason, and ops can replay it.
 *
 * ```ts
 * const order = await this.orders.findById(payload.orderId);
 * if (!order) throw new PrerequisiteMissing(`order ${payload.orderId} not placed yet`);
 * ```
 * Never use it for a prerequisite that cannot arrive any more: that is a
 * permanent error, and it should be dead-lettered at once.
 */
export class PrerequisiteMissing extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PrerequisiteMissing';
  }
}

/** The PrerequisiteMissing a handler threw or returned, if it did. */
export function prerequisiteMissing(value: unknown): PrerequisiteMissing | undefined {
  return value instanceof PrerequisiteMissing ? value : undefined;
}
