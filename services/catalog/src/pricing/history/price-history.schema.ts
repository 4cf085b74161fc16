import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { CostChangeSplit } from '../pricing-policy';
import type { PriceCause, PriceTriple } from '../costs/sku-cost.schema';

/**
 * One price change of one SKU. `_id` is `<productId>:<ISO instant>:<change id>`,
 * so a product's history is an `_id` prefix range in time order — answered
 * from the `_id` index on every store — and a retried write is the same entry.
 */
export interface PriceHistoryEntry {
  _id: string;
  productId: string;
  skuId: string;
  cause: PriceCause;
  currency: string;
  previous: PriceTriple;
  next: PriceTriple;
  costBefore: number | null;
  costAfter: number | null;
  policyVersion: number | null;
  retailShareBps: number | null;
  marginShareBps: number | null;
  split: CostChangeSplit | null;
  boundApplied: boolean;
  manual: boolean;
  at: Date;
  by: string;
}

/** Registers the collection; entries are written and read whole through the driver (see SkuPricingService), never patched. */
@Schema({ collection: 'price_history', versionKey: false, strict: false })
export class PriceHistoryRecord {
  @Prop({ type: String }) _id: string;
}

export const PRICE_HISTORY_MODEL = 'PriceHistory';
export const PriceHistorySchema = SchemaFactory.createForClass(PriceHistoryRecord);
