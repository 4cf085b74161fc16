import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder, OutboxFields } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { PayoutBatchState } from './payout-batch';
import { PAYOUT_BATCH_MODEL } from './payout-batch.schema';

/** Payout batches by id. */
@Injectable()
export class PayoutBatchRepository extends AggregateStore<PayoutBatchState> {
  constructor(@InjectModel(PAYOUT_BATCH_MODEL) model: Model<PayoutBatchState & OutboxFields>, recorder: EventRecorder) {
    super(model, recorder, 'payout batch');
  }

  ofPeriod(periodId: string): Promise<PayoutBatchState[]> {
    return this.model.collection.find<PayoutBatchState>({ periodId }, { projection: { outbox: 0 } }).toArray();
  }
}
