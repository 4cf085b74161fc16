import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin } from '@netdirect/runtime';
import type { SkuCostState } from './sku-cost';

@Schema({ collection: 'sku_costs', versionKey: false, minimize: false })
export class SkuCostRecord implements SkuCostState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: Number, default: null }) unitCost: number | null;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: [String], default: [] }) applied: string[];
  @Prop({ type: Number, default: 0 }) seq: number;
}

export const SKU_COST_MODEL = 'SkuCost';
export const SkuCostSchema = SchemaFactory.createForClass(SkuCostRecord).plugin(outboxPlugin);
