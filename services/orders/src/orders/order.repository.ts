import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainEvent, EventRecorder, isDuplicateKeyError, newWithEvents, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { listKey, Order, OrderChange, OrderState, OrderStatus } from './order';
import { ORDER_COUNTER_MODEL, ORDER_MODEL, OrderCounter, OrderDocument } from './order.schema';

/** Whose list a page walks: a buyer's orders or a seller's. */
export type OrderListRole = 'buyer' | 'seller';

/** How many numbers one list request looks at, at most (a status filter may skip many). */
const MAX_EXAMINED = 1000;

/** Where orders are kept; {@link apply} is the one way one changes (compare-and-set with its events and history). */
@Injectable()
export class OrderRepository {
  constructor(
    @InjectModel(ORDER_MODEL) private readonly orders: Model<OrderDocument>,
    @InjectModel(ORDER_COUNTER_MODEL) private readonly counters: Model<OrderCounter>,
    private readonly recorder: EventRecorder,
  ) {}

  get model(): Model<OrderDocument> {
    return this.orders;
  }

  async find(orderId: string): Promise<Order | null> {
    const state = await this.orders.collection.findOne<OrderState>({ _id: orderId as never }, { projection: { outbox: 0 } });
    return state ? Order.from(state) : null;
  }

  /**
   * Insert a new order with its events; false if one with its id (a retried
   * request) or its list number exists. Through the model's insertMany (lean:
   * no casting), whose outbox hook tells the relay at once; a bare driver
   * insert would leave OrderPlaced to the relay's next sweep (OUTBOX_POLL_MS).
   */
  async insert(state: OrderState, events: DomainEvent[]): Promise<boolean> {
    try {
      await this.orders.insertMany([newWithEvents(state, this.record(events))], { lean: true });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Apply a change by compare-and-set; false when the order changed meanwhile (nothing written). */
  async apply(change: OrderChange): Promise<boolean> {
    const update: Record<string, unknown> = { $set: change.set };
    if (change.unset.length) update.$unset = Object.fromEntries(change.unset.map((f) => [f, 1]));
    if (change.transition) update.$push = { history: change.transition };
    const res = await this.orders
      .updateOne({ _id: change.orderId, ...change.guard }, withEvents(update, this.record(change.events)))
      .exec();
    return res.matchedCount === 1;
  }

  /** The next number of a member's list (one atomic increment; a number lost to a crash or a race is a gap lists skip). */
  async nextNumber(role: OrderListRole, memberId: string): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        const doc = await this.counters.collection.findOneAndUpdate(
          { _id: `${role}:${memberId}` as never },
          { $inc: { n: 1 } },
          { upsert: true, returnDocument: 'after' },
        );
        return (doc as unknown as OrderCounter).n;
      } catch (e) {
        // Two first orders of a member raced to create its counter: the loser increments the winner's.
        if (!isDuplicateKeyError(e) || attempt >= 3) throw e;
      }
    }
  }

  /**
   * A page of a member's orders, newest first, below number `before` (the
   * cursor; from the newest without it), maybe only of one status. Reads keys
   * by `$in` on a unique index, a batch at a time, never scanning the
   * collection; a request looks at {@link MAX_EXAMINED} numbers at most, so a
   * rare status may answer a short page with a cursor to go on.
   */
  async page(
    role: OrderListRole,
    memberId: string,
    before: number | undefined,
    limit: number,
    status?: OrderStatus,
  ): Promise<{ items: OrderState[]; nextBefore: number | null }> {
    const key = role === 'buyer' ? 'buyerKey' : 'sellerKey';
    const seqField = role === 'buyer' ? 'buyerSeq' : 'sellerSeq';
    let hi = before !== undefined ? before - 1 : ((await this.counters.collection.findOne<OrderCounter>({ _id: `${role}:${memberId}` as never }))?.n ?? 0);
    const items: OrderState[] = [];
    let examined = 0;
    const batch = status ? 100 : limit + 1;
    while (items.length <= limit && hi >= 1 && examined < MAX_EXAMINED) {
      const numbers = Array.from({ length: Math.min(batch, hi) }, (_, i) => hi - i);
      const rows = await this.orders.collection
        .find<OrderState>({ [key]: { $in: numbers.map((n) => listKey(memberId, n)) } }, { projection: { outbox: 0, history: 0, shippingAddress: 0 } })
        .toArray();
      rows.sort((a, b) => (b[seqField] ?? 0) - (a[seqField] ?? 0));
      items.push(...(status ? rows.filter((r) => r.status === status) : rows));
      examined += numbers.length;
      hi -= numbers.length;
    }
    if (items.length > limit) return { items: items.slice(0, limit), nextBefore: items[limit - 1][seqField] ?? null };
    return { items, nextBefore: hi >= 1 ? hi + 1 : null };
  }

  private record(events: DomainEvent[]): PendingEvent[] {
    return events.map((e) => this.recorder.record(e.contract, e.data, { id: e.id, occurredAt: e.occurredAt }));
  }
}
