import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { OrderLine, PurchaseOrderState, PurchaseOrderStatus, Receipt } from './purchase-order';

/** How a purchase order (see purchase-order.ts) is stored: one document per order with its lines and receipts. */
@Schema({ collection: 'purchase_orders', versionKey: false, minimize: false })
export class PurchaseOrderRecord implements PurchaseOrderState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) supplierId: string;
  @Prop({ type: String, default: null }) runId: string | null;
  @Prop({ type: String, required: true }) priceListId: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) lines: OrderLine[];
  @Prop({ type: Number, required: true }) total: number;
  @Prop({ type: String, required: true }) status: PurchaseOrderStatus;
  @Prop({ type: Date, required: true }) issuedAt: Date;
  @Prop({ type: Date, required: true }) expectedBy: Date;
  @Prop({ type: String, default: null }) supplierReference: string | null;
  @Prop({ type: Date, default: null }) deliveryDate: Date | null;
  @Prop({ type: String, default: null }) rejectionReason: string | null;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) receipts: Receipt[];
  /** Sparse unique: see PurchaseOrderState.open. */
  @Prop({ type: String }) open?: string;
  @Prop({ type: Number, default: 0 }) seq: number;
}

export const PURCHASE_ORDER_MODEL = 'PurchaseOrder';
export const PurchaseOrderSchema = SchemaFactory.createForClass(PurchaseOrderRecord).plugin(outboxPlugin);
PurchaseOrderSchema.index({ open: 1 }, { unique: true, sparse: true });
