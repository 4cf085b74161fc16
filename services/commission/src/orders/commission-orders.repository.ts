import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, outboxSignals, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { AccrualSnapshot, BookedRefund, COMMISSION_ORDER_MODEL, CommissionOrderDocument, CommissionOrderState } from './commission-order.schema';

const NO_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;

/** The orders read model. Every write is guarded, so a redelivered event changes nothing. */
@Injectable()
export class CommissionOrdersRepository {
  constructor(@InjectModel(COMMISSION_ORDER_MODEL) readonly model: Model<CommissionOrderDocument>) {}

  find(orderId: string): Promise<CommissionOrderState | null> {
    return this.model.collection.findOne<CommissionOrderState>({ _id: orderId as never }, { projection: NO_OUTBOX });
  }

  async findMany(ids: Iterable<string>): Promise<Map<string, CommissionOrderState>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const found = await this.model.collection.find<CommissionOrderState>({ _id: { $in: unique as never[] } }, { projection: NO_OUTBOX }).toArray();
    return new Map(found.map((o) => [o._id, o]));
  }

  async placed(state: CommissionOrderState): Promise<void> {
    try {
      await this.model.collection.insertOne(state as never);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  /**
   * Record the payment and the accrual snapshot once: the first payment
   * decides the period and the upline. Answers the order as it then stands.
   */
  async paid(order: CommissionOrderState, paidAt: string, periodId: string, accrual: AccrualSnapshot): Promise<CommissionOrderState> {
    if (order.accrual) return order;
    const res = await this.model.collection.updateOne({ _id: order._id as never, accrual: { $exists: false } }, { $set: { paidAt, periodId, accrual } });
    return res.modifiedCount === 1 ? { ...order, paidAt, periodId, accrual } : (await this.find(order._id))!;
  }

  /** Record the ledger events of one cause (`paid`, a refund id) on the order, once. */
  async announce(orderId: string, cause: string, events: PendingEvent[]): Promise<void> {
    if (!events.length) return;
    const res = await this.model.collection.updateOne(
      { _id: orderId as never, announced: { $ne: cause } },
      withEvents({ $push: { announced: cause } }, events) as never,
    );
    if (res.modifiedCount === 1) outboxSignals.emit('recorded', this.model.collection.name, orderId);
  }

  /** Book a refund once (guarded by its id). */
  async refunded(orderId: string, refund: BookedRefund): Promise<void> {
    await this.model.collection.updateOne(
      { _id: orderId as never, 'refunds.refundId': { $ne: refund.refundId } },
      { $push: { refunds: refund } } as never,
    );
  }

  async completed(orderId: string, completedAt: string): Promise<void> {
    await this.model.collection.updateOne({ _id: orderId as never, completedAt: { $exists: false } }, { $set: { completedAt } });
  }

  async cancelled(orderId: string, cancelledAt: string): Promise<void> {
    await this.model.collection.updateOne({ _id: orderId as never, cancelledAt: { $exists: false } }, { $set: { cancelledAt } });
  }

  /** The paid orders of a period, streamed once (a close). */
  ofPeriod(periodId: string): AsyncIterable<CommissionOrderState> {
    return this.model.collection.find<CommissionOrderState>({ periodId }, { projection: NO_OUTBOX });
  }
}
