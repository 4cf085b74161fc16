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
 */
@Schema({ collection: 'sku_offers', versionKey: false, minimize: false })
export class SkuOffersRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) offers: Record<string, IndexedOffer>;
}

/** One list's terms for one SKU in the offer index. */
export interface IndexedOffer extends Omit<PriceListItem, 'skuId' | 'supplierSku'> {
  supplierId: string;
  priceListId: string;
}

export const SKU_OFFERS_MODEL = 'SkuOffers';
export const SkuOffersSchema = SchemaFactory.createForClass(SkuOffersRecord);
