import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { AccrualSnapshot, BookedRefund, COMMISSION_ORDER_MODEL, CommissionOrderState } from './commission-order.schema';

/** The orders read model. Every write is guarded, so a redelivered event changes nothing. */
@Injectable()
export class CommissionOrdersRepository {
  constructor(@InjectModel(COMMISSION_ORDER_MODEL) readonly model: Model<CommissionOrderState>) {}

  find(orderId: string): Promise<CommissionOrderState | null> {
    return this.model.collection.findOne<CommissionOrderState>({ _id: orderId as never });
  }

  async findMany(ids: Iterable<string>): Promise<Map<string, CommissionOrderState>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const found = await this.model.collection.find<CommissionOrderState>({ _id: { $in: unique as never[] } }).toArray();
    return new Map(found.map((o) => [o._id, o]));
  }

  async placed(state: CommissionOrderState): Promise<void> {
    try {
      await this.model.collection.insertOne(state as never);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  /** Record the payment once; the first paidAt decides the period. */
  async paid(orderId: string, paidAt: string, periodId: string): Promise<void> {
    await this.model.collection.updateOne({ _id: orderId as never, paidAt: { $exists: false } }, { $set: { paidAt, periodId } });
  }

  /** Keep the first accrual's snapshot; answers the snapshot that holds. */
  async snapshot(orderId: string, accrual: AccrualSnapshot): Promise<AccrualSnapshot> {
    await this.model.collection.updateOne({ _id: orderId as never, accrual: { $exists: false } }, { $set: { accrual } });
    return (await this.find(orderId))!.accrual!;
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
    return this.model.collection.find<CommissionOrderState>({ periodId });
  }
}
