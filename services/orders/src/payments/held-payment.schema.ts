import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A payment whose amount or currency differs from its order's total
 * (`held_payments`, `_id` = `<providerId>:<paymentId>`): not applied until ops
 * decide. Its own small collection, so listing it reads only held payments.
 */
export interface HeldPaymentState {
  _id: string;
  orderId: string;
  providerId: string;
  paymentId: string;
  amount: number;
  currency: string;
  expectedAmount: number;
  expectedCurrency: string;
  /** `applied`: ops let it pay the order; `refunded`: ops sent it back to the payer. */
  status: 'held' | 'applied' | 'refunded';
  heldAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
}

@Schema({ collection: 'held_payments', versionKey: false })
export class HeldPaymentRecord implements HeldPaymentState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) orderId: string;
  @Prop({ type: String, required: true }) providerId: string;
  @Prop({ type: String, required: true }) paymentId: string;
  @Prop({ type: Number, required: true }) amount: number;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: Number, required: true }) expectedAmount: number;
  @Prop({ type: String, required: true }) expectedCurrency: string;
  @Prop({ type: String, required: true }) status: 'held' | 'applied' | 'refunded';
  @Prop({ type: Date, required: true }) heldAt: Date;
  @Prop({ type: String }) decidedBy?: string;
  @Prop({ type: Date }) decidedAt?: Date;
}

export const HELD_PAYMENT_MODEL = 'HeldPayment';
export const HeldPaymentSchema = SchemaFactory.createForClass(HeldPaymentRecord);
