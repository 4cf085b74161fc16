import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { CostChangeSplit } from '../pricing-policy';

export type PriceCause = 'cost-change' | 'policy-change' | 'manual';

/** A SKU's prices as the pricing service sees them (minor units, BV hundredths of a point). */
export interface PriceTriple {
  retail: number;
  member: number;
  bv: number;
}

/**
 * A price change decided but maybe not yet applied to the product: written
 * on the SKU's cost document first, then applied to the product by
 * compare-and-set, then recorded in the history, then cleared. A crash in
 * between leaves it here, and the next touch of the SKU finishes it; `id`
 * makes the event and the history entry the same on every attempt.
 */
export interface PricingIntent {
  id: string;
  productId: string;
  skuId: string;
  cause: PriceCause;
  from: PriceTriple;
  to: PriceTriple;
  manual: boolean;
  /** The cost basis the new price follows (the next cost change is measured from it); null when there is none yet. */
  pricedCost: number | null;
  policyVersion: number | null;
  costBefore: number | null;
  retailShareBps: number | null;
  marginShareBps: number | null;
  split: CostChangeSplit | null;
  boundApplied: boolean;
  at: Date;
  by: string;
}

/**
 * A SKU's cost basis: the weighted average landed unit cost of the units at
 * cost, and where its price stands against it.
 *
 * The warehouse (src/stock) owns stock levels; this keeps only the units the
 * average is weighted over, from the events: received (GoodsReceived) minus
 * what the warehouse reports leaving stock (StockCommitted, a negative
 * StockAdjusted) plus what it reports coming back (StockRestocked, a positive
 * StockAdjusted), never below 0. Units leaving or returning do not move the
 * average. Not counted: a committed order cancelled before shipping (its
 * StockReleased), so such units stay out of the weight until the next
 * receipt — a small, documented undercount.
 */
export interface SkuCostState {
  /** The SKU id. */
  _id: string;
  currency: string;
  /** Units the average is weighted over (units at cost on hand, as above; 0 while only a standard cost is known). */
  quantity: number;
  /** The cost basis in minor units; null before a standard cost or receipt. */
  average: number | null;
  /** Compare-and-set token: the number of cost entries applied (see CostEntry) plus pricing steps. */
  revision: number;
  /** Entries of `cost_entries` applied so far; entry n+1 is the next one. */
  entries: number;
  /** The cost basis the current price was set at; null until a policy or ops priced the SKU here. */
  pricedCost: number | null;
  /** The policy version whose shares pass cost changes on; null until ops apply one. */
  policyVersion: number | null;
  pending: PricingIntent | null;
  updatedAt: Date;
}

@Schema({ collection: 'sku_costs', versionKey: false })
export class SkuCostRecord implements SkuCostState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: Number, required: true }) quantity: number;
  @Prop({ type: Number, default: null }) average: number | null;
  @Prop({ type: Number, required: true }) revision: number;
  @Prop({ type: Number, required: true }) entries: number;
  @Prop({ type: Number, default: null }) pricedCost: number | null;
  @Prop({ type: Number, default: null }) policyVersion: number | null;
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) pending: PricingIntent | null;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export const SKU_COST_MODEL = 'SkuCost';
export const SkuCostSchema = SchemaFactory.createForClass(SkuCostRecord);

/**
 * One change of a SKU's cost basis, logged before the SKU's document takes it
 * (a write-ahead log, since there are no transactions): `_id` is
 * `<skuId>:<entry number>` and `effectId` (unique) is derived from the event
 * or request that caused it, so a redelivered receipt finds its entry and
 * changes nothing, and an entry logged before a crash is applied by the next
 * writer before it logs its own.
 */
export interface CostEntry {
  _id: string;
  effectId: string;
  skuId: string;
  kind: 'standard-cost' | 'receipt' | 'cost-changed' | 'stock-moved';
  /** Units received, or (signed) units that left or came back for `stock-moved`; 0 for a standard cost or a SkuCostChanged taken before its receipt. */
  quantity: number;
  unitCost: number;
  /** The SKU's quantity and average once this entry is applied. */
  after: { quantity: number; average: number };
  at: Date;
}

@Schema({ collection: 'cost_entries', versionKey: false })
export class CostEntryRecord implements CostEntry {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true, unique: true }) effectId: string;
  @Prop({ type: String, required: true }) skuId: string;
  @Prop({ type: String, required: true }) kind: CostEntry['kind'];
  @Prop({ type: Number, required: true }) quantity: number;
  @Prop({ type: Number, required: true }) unitCost: number;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) after: { quantity: number; average: number };
  @Prop({ type: Date, required: true }) at: Date;
}

export const COST_ENTRY_MODEL = 'CostEntry';
export const CostEntrySchema = SchemaFactory.createForClass(CostEntryRecord);

/** The `_id` of a SKU's n-th cost entry; zero-padded so a SKU's entries sort by number. */
export function costEntryId(skuId: string, n: number): string {
  return `${skuId}:${String(n).padStart(10, '0')}`;
}
