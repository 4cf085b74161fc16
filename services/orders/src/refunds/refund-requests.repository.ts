import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OrderState } from '../orders/order';
import { REFUND_REQUEST_MODEL, RefundRequestState } from './refund-request.schema';

/** The providers' view of open refunds, kept in step with the orders (idempotent writes by refund id). */
@Injectable()
export class RefundRequestsRepository {
  constructor(@InjectModel(REFUND_REQUEST_MODEL) private readonly requests: Model<RefundRequestState>) {}

  /** Make the open refunds of an order visible to their providers, and drop the confirmed ones. */
  async sync(order: OrderState): Promise<void> {
    for (const r of order.refunds ?? []) {
      if (r.status === 'confirmed') {
        await this.requests.collection.deleteOne({ _id: r.refundId as never });
        continue;
      }
      await this.requests.collection.updateOne(
        { _id: r.refundId as never },
        {
          $set: {
            status: r.status,
            attempts: r.attempts,
            requestedAt: r.requestedAt,
            ...(r.failure ? { failure: r.failure } : {}),
            nextRetryAt: r.status === 'failed' && r.nextRetryAt ? r.nextRetryAt : null,
          },
          $setOnInsert: { orderId: order._id, providerId: r.providerId, paymentId: r.paymentId, amount: r.amount, currency: r.currency ?? order.currency },
        },
        { upsert: true },
      );
    }
  }

  find(refundId: string): Promise<RefundRequestState | null> {
    return this.requests.collection.findOne<RefundRequestState>({ _id: refundId as never });
  }

  /** Open refunds, maybe of one provider and status, oldest first. */
  open(filter: { providerId?: string; status?: 'requested' | 'failed' }, limit: number): Promise<RefundRequestState[]> {
    return this.requests.collection
      .find<RefundRequestState>({ ...(filter.providerId ? { providerId: filter.providerId } : {}), ...(filter.status ? { status: filter.status } : {}) })
      .sort({ requestedAt: 1 })
      .limit(limit)
      .toArray();
  }
}
