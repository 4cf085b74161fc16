import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, PrerequisiteMissing, TimerService } from '@netdirect/runtime';
import { RefundRequestsRepository } from '../refunds/refund-requests.repository';
import { Order, OrderChange, OrderState } from './order';
import { OrderRepository } from './order.repository';

export const PAYMENT_DEADLINE = 'payment-deadline';
export const RETURN_WINDOW_END = 'return-window-end';
export const REFUND_RETRY = 'refund-retry';

/** The data of an order's timers. */
export interface OrderTimerData {
  orderId: string;
}

/** The data of a failed refund's retry timer (one timer per attempt). */
export interface RefundRetryData extends OrderTimerData {
  refundId: string;
  attempt: number;
}

/**
 * The use-case step every order change shares: load, ask the aggregate,
 * apply by compare-and-set. A lost race is a `conflict` (a consumer retries
 * it with backoff; a request retries a few times), `null` from the aggregate
 * (a duplicate, late or early cause) writes nothing. Then the timers the
 * order's state calls for are made sure of (idempotent), so a crash between
 * the write and the schedule is healed by the redelivery.
 */
@Injectable()
export class OrderProcess {
  constructor(
    private readonly orders: OrderRepository,
    private readonly timers: TimerService,
    private readonly refundRequests: RefundRequestsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Change an order named by an event: an unknown order waits (its OrderPlaced write may still be on its way in a test or a restore). */
  async onEvent(orderId: string, decide: (order: Order, now: Date) => OrderChange | null | DomainError): Promise<OrderState> {
    return this.run(orderId, decide, () => new PrerequisiteMissing(`order ${orderId} not known yet`), 1);
  }

  /**
   * Change an order on request: an unknown order is 404; a lost race is tried
   * again twice before it is a 409. `loaded`: the order as the caller just
   * read it, so the first attempt reads it no second time (a stale copy only
   * loses the compare-and-set and is read again).
   */
  async onRequest(orderId: string, decide: (order: Order, now: Date) => OrderChange | null | DomainError, loaded?: Order): Promise<OrderState> {
    return this.run(orderId, decide, () => DomainError.notFound(`No order ${orderId}`), 3, loaded);
  }

  private async run(
    orderId: string,
    decide: (order: Order, now: Date) => OrderChange | null | DomainError,
    missing: () => Error,
    attempts: number,
    loaded?: Order,
  ): Promise<OrderState> {
    for (let attempt = 1; ; attempt++) {
      const order = attempt === 1 && loaded ? loaded : await this.orders.find(orderId);
      if (!order) throw missing();
      const change = decide(order, this.clock.now());
      if (change instanceof DomainError) throw change;
      if (!change) {
        await this.afterChange(order.state);
        return order.state;
      }
      if (await this.orders.apply(change)) {
        const history = change.transition ? [...order.state.history, change.transition] : order.state.history;
        const after = { ...order.state, ...change.set, history } as OrderState;
        await this.afterChange(after);
        return after;
      }
      if (attempt >= attempts) throw DomainError.conflict(`order ${orderId} changed meanwhile`);
    }
  }

  /** The timers and refund requests an order's state calls for; both are idempotent (by kind and id, by refund id). */
  async afterChange(state: OrderState): Promise<void> {
    if (state.refunds?.length) await this.refundRequests.sync(state);
    if (state.status === 'confirmed' && state.payBy)
      await this.timers.schedule<OrderTimerData>({ kind: PAYMENT_DEADLINE, id: state._id, dueAt: state.payBy, data: { orderId: state._id } });
    if (state.status === 'delivered' && state.returnWindowEndsAt)
      await this.timers.schedule<OrderTimerData>({ kind: RETURN_WINDOW_END, id: state._id, dueAt: state.returnWindowEndsAt, data: { orderId: state._id } });
    for (const r of state.refunds ?? [])
      if (r.status === 'failed' && r.nextRetryAt)
        await this.timers.schedule<RefundRetryData>({
          kind: REFUND_RETRY,
          id: `${r.refundId}:${r.attempts}`,
          dueAt: r.nextRetryAt,
          data: { orderId: state._id, refundId: r.refundId, attempt: r.attempts },
        });
  }
}
