import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { PostalAddress } from '@netdirect/contracts';
import type { BuyerKind, CancellationReason, OrderPayment, OrderRefund, OrderState, OrderStatus, OrderTransition, RejectionReason } from './order';
import { ORDER_STATUSES } from './order';
import type { OrderReturn } from './order-returns';
import type { PricedLine } from './pricing';

/**
 * How an order (see order.ts) is stored: `_id` = orderId. Lists read by
 * `$in` of unique keys (`buyerKey`, `sellerKey`): the embedded store reads
 * the whole collection for any other filter.
 */
@Schema({ collection: 'orders', versionKey: false })
export class OrderRecord implements OrderState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) buyerId: string;
  @Prop({ type: String, required: true }) buyerKind: BuyerKind;
  @Prop({ type: String, default: null }) referringOperatorId: string | null;
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) lines: PricedLine[];
  @Prop({ type: Number, required: true }) subtotal: number;
  @Prop({ type: Number, required: true }) shipping: number;
  @Prop({ type: Number, required: true }) taxIncluded: number;
  @Prop({ type: Number, required: true }) total: number;
  @Prop({ type: Number, required: true }) totalBv: number;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) shippingAddress: PostalAddress;
  @Prop({ type: String, required: true, enum: ORDER_STATUSES }) status: OrderStatus;
  @Prop({ type: String }) reservationId?: string;
  @Prop({ type: Date }) payBy?: Date;
  @Prop({ type: MongooseSchema.Types.Mixed }) payment?: OrderPayment;
  @Prop({ type: Number }) refundDue?: number;
  @Prop({ type: [MongooseSchema.Types.Mixed] }) refunds?: OrderRefund[];
  @Prop({ type: String }) cancellationReason?: CancellationReason;
  @Prop({ type: String }) rejectionReason?: RejectionReason;
  @Prop({ type: String }) rejectionDetail?: string;
  @Prop({ type: String }) shipmentId?: string;
  @Prop({ type: Date }) deliveredAt?: Date;
  @Prop({ type: Date }) returnWindowEndsAt?: Date;
  @Prop({ type: Number }) openReturns?: number;
  @Prop({ type: [MongooseSchema.Types.Mixed] }) returns?: OrderReturn[];
  @Prop({ type: Number, required: true }) buyerSeq: number;
  @Prop({ type: String, required: true }) buyerKey: string;
  @Prop({ type: Number }) sellerSeq?: number;
  @Prop({ type: String }) sellerKey?: string;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) history: OrderTransition[];
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: Date, required: true }) placedAt: Date;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export type OrderDocument = OrderState & OutboxFields;
export const ORDER_MODEL = 'Order';
export const OrderSchema = SchemaFactory.createForClass(OrderRecord).plugin(outboxPlugin);
OrderSchema.index({ buyerKey: 1 }, { unique: true });
OrderSchema.index({ sellerKey: 1 }, { unique: true, sparse: true });

/** A member's order counters (`order_counters`, `_id` = `buyer:<id>` or `seller:<id>`): the last number given out. */
export interface OrderCounter {
  _id: string;
  n: number;
}
export const ORDER_COUNTER_MODEL = 'OrderCounter';
export const OrderCounterSchema = new MongooseSchema<OrderCounter>({ _id: String, n: Number }, { collection: 'order_counters', versionKey: false });
