import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { SkuStatus, StockAuditEntry, StockState } from './stock';

/** How a SKU's stock (see stock.ts for the rules) is stored: one document per SKU, `_id` = skuId. */
@Schema({ collection: 'stock', versionKey: false, minimize: false })
export class StockRecord implements StockState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: Number, required: true, default: 0 }) onHand: number;
  @Prop({ type: Number, required: true, default: 0 }) reserved: number;
  @Prop({ type: Number, required: true, default: 0 }) available: number;
  @Prop({ type: Number, default: null }) reorderPoint: number | null;
  @Prop({ type: Number, default: null }) reorderQuantity: number | null;
  @Prop({ type: String }) skuStatus?: SkuStatus;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) holds: Record<string, number>;
  @Prop({ type: [String], default: [] }) applied: string[];
  /** Sparse unique: see StockState.belowReorder. */
  @Prop({ type: String }) belowReorder?: string;
  @Prop({ type: Number, default: 0 }) seq: number;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) history: StockAuditEntry[];
}

export type StockDocument = StockState & OutboxFields;
export const STOCK_MODEL = 'Stock';
export const StockSchema = SchemaFactory.createForClass(StockRecord).plugin(outboxPlugin);
StockSchema.index({ belowReorder: 1 }, { unique: true, sparse: true });
