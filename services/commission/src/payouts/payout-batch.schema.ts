import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import { PAYOUT_BATCH_STATUSES, PayoutBatchState, PayoutBatchStatus, PayoutPayment } from './payout-batch';

@Schema({ collection: 'payout_batches', versionKey: false })
export class PayoutBatchRecord implements PayoutBatchState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) periodId: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: String, required: true, enum: PAYOUT_BATCH_STATUSES }) status: PayoutBatchStatus;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) payments: PayoutPayment[];
  @Prop({ type: Number, required: true }) totalMinor: number;
  @Prop({ type: Number, required: true }) carriedForwardMinor: number;
  @Prop({ type: Number, required: true }) heldMinor: number;
  @Prop({ type: [String], required: true }) missingDetails: string[];
  @Prop({ type: String, required: true }) draftedBy: string;
  @Prop({ type: Date, required: true }) draftedAt: Date;
  @Prop({ type: Date }) draftLeaseUntil?: Date;
  @Prop({ type: String }) discardedReason?: string;
  @Prop({ type: String }) approvedBy?: string;
  @Prop({ type: Date }) approvedAt?: Date;
  @Prop({ type: Date }) issuedAt?: Date;
  @Prop({ type: Number, required: true }) seq: number;
}

export const PAYOUT_BATCH_MODEL = 'PayoutBatch';
export const PayoutBatchSchema = SchemaFactory.createForClass(PayoutBatchRecord).plugin(outboxPlugin);
PayoutBatchSchema.index({ periodId: 1 });

