import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { PriceListItem, PriceListState } from './price-list';

/** A published price list: one document with its items (at most 5,000, as its event). */
@Schema({ collection: 'price_lists', versionKey: false })
export class PriceListRecord implements PriceListState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) supplierId: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: Date, required: true }) validFrom: Date;
  @Prop({ type: Date, default: null }) validUntil: Date | null;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) items: PriceListItem[];
  @Prop({ type: Date, required: true }) publishedAt: Date;
  @Prop({ type: Date, default: null }) indexedAt: Date | null;
  @Prop({ type: Number, default: 0 }) seq: number;
}

export const PRICE_LIST_MODEL = 'PriceList';
export const PriceListSchema = SchemaFactory.createForClass(PriceListRecord).plugin(outboxPlugin);

/**
 * The offer index a run reads: one document per SKU (`_id` = skuId) holding
 * every indexed price list's terms for it under `offers.<priceListId>`, so a
 * run streams one collection once instead of joining lists and items.
 *
 * Each offer is stored as one string (see {@link encodeOffer}), not as a
 * nested document: a run reads every offer of every SKU with demand (200,000
 * at 10,000 SKUs × 20 suppliers), and the store's cost grows with the
 * number of fields it decodes and encodes, not with bytes. Nothing queries
 * inside an offer.
 */
@Schema({ collection: 'sku_offers', versionKey: false, minimize: false })
export class SkuOffersRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) offers: Record<string, string>;
}

/** One list's terms for one SKU in the offer index. */
export interface IndexedOffer extends Omit<PriceListItem, 'skuId' | 'supplierSku'> {
  supplierId: string;
  priceListId: string;
}

export const SKU_OFFERS_MODEL = 'SkuOffers';
export const SkuOffersSchema = SchemaFactory.createForClass(SkuOffersRecord);

/** One offer as the index stores it: a JSON tuple (supplier, list, lead time, minimum, pack, then minQuantity and unit cost per tier). */
export function encodeOffer(o: IndexedOffer): string {
  return JSON.stringify([o.supplierId, o.priceListId, o.leadTimeDays, o.minimumOrderQuantity, o.packSize, ...o.tiers.flatMap((t) => [t.minQuantity, t.unitCost])]);
}

export function decodeOffer(s: string): IndexedOffer {
  const [supplierId, priceListId, leadTimeDays, minimumOrderQuantity, packSize, ...flat] = JSON.parse(s) as [string, string, number, number, number, ...number[]];
  const tiers = [];
  for (let i = 0; i < flat.length; i += 2) tiers.push({ minQuantity: flat[i], unitCost: flat[i + 1] });
  return { supplierId, priceListId, leadTimeDays, minimumOrderQuantity, packSize, tiers };
}
