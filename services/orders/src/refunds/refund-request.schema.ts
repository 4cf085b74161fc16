import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An open refund as its provider sees it (`refund_requests`, `_id` =
 * refundId): written after the order records the refund (the order is the
 * truth; this is its outbox to the provider), removed once the provider
 * confirms. Only open refunds live here, so listing it reads no more.
 */
export interface RefundRequestState {
  _id: string;
  orderId: string;
  providerId: string;
  paymentId: string;
  amount: number;
  currency: string;
  status: 'requested' | 'failed';
  attempts: number;
  failure?: string;
  nextRetryAt?: Date;
  requestedAt: Date;
}

@Schema({ collection: 'refund_requests', versionKey: false })
export class RefundRequestRecord implements RefundRequestState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) orderId: string;
  @Prop({ type: String, required: true }) providerId: string;
  @Prop({ type: String, required: true }) paymentId: string;
  @Prop({ type: Number, required: true }) amount: number;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: String, required: true }) status: 'requested' | 'failed';
  @Prop({ type: Number, required: true }) attempts: number;
  @Prop({ type: String }) failure?: string;
  @Prop({ type: Date }) nextRetryAt?: Date;
  @Prop({ type: Date, required: true }) requestedAt: Date;
}

export const REFUND_REQUEST_MODEL = 'RefundRequest';
export const RefundRequestSchema = SchemaFactory.createForClass(RefundRequestRecord);
