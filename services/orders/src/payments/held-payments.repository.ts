import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { HELD_PAYMENT_MODEL, HeldPaymentState } from './held-payment.schema';

@Injectable()
export class HeldPaymentsRepository {
  constructor(@InjectModel(HELD_PAYMENT_MODEL) private readonly held: Model<HeldPaymentState>) {}

  /** Hold a payment once; a repeated notification of it finds the first. */
  async hold(state: HeldPaymentState): Promise<HeldPaymentState> {
    try {
      await this.held.collection.insertOne(state as never);
      return state;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      return (await this.find(state._id))!;
    }
  }

  find(id: string): Promise<HeldPaymentState | null> {
    return this.held.collection.findOne<HeldPaymentState>({ _id: id as never });
  }

  /** Held payments awaiting a decision, oldest first (the collection holds only mismatches). */
  open(limit: number): Promise<HeldPaymentState[]> {
    return this.held.collection.find<HeldPaymentState>({ status: 'held' }).sort({ heldAt: 1 }).limit(limit).toArray();
  }

  /** Record the decision; false if another decision came first. */
  async decide(id: string, decision: 'applied' | 'refunded', by: string, at: Date): Promise<boolean> {
    const res = await this.held.collection.updateOne({ _id: id as never, status: 'held' }, { $set: { status: decision, decidedBy: by, decidedAt: at } });
    return res.matchedCount === 1;
  }
}
