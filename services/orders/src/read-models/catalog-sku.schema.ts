import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The orders service's copy of one SKU as the catalog's product events
 * describe it (`catalog_skus`, `_id` = skuId): what an order prices and
 * snapshots. Prices are absent until a ProductPublished or ProductPriceChanged
 * gave them.
 */
export interface CatalogSkuState {
  _id: string;
  productId: string;
  productName?: string;
  skuName?: string;
  retailPrice?: number;
  memberPrice?: number;
  currency?: string;
  bv?: number;
  status: 'draft' | 'active' | 'retired';
  published: boolean;
  updatedAt: Date;
}

@Schema({ collection: 'catalog_skus', versionKey: false })
export class CatalogSkuRecord implements CatalogSkuState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) productId: string;
  @Prop({ type: String }) productName?: string;
  @Prop({ type: String }) skuName?: string;
  @Prop({ type: Number }) retailPrice?: number;
  @Prop({ type: Number }) memberPrice?: number;
  @Prop({ type: String }) currency?: string;
  @Prop({ type: Number }) bv?: number;
  @Prop({ type: String, required: true }) status: 'draft' | 'active' | 'retired';
  @Prop({ type: Boolean, required: true }) published: boolean;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export const CATALOG_SKU_MODEL = 'CatalogSku';
export const CatalogSkuSchema = SchemaFactory.createForClass(CatalogSkuRecord);
