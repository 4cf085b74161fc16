import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { ProductState, ProductStatus, SkuState, SkuStatus } from './product';

/**
 * How a product (see product.ts) is stored: one document with its SKUs
 * embedded, so a product and all its prices change in one single-document
 * write with their events (the outbox). A SKU is found by id through
 * {@link SkuLookupRecord}, never by a query on `skus.skuId`.
 */
@Schema({ collection: 'products', versionKey: false })
export class ProductRecord implements ProductState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: String, default: null }) description: string | null;
  @Prop({ type: String, required: true }) categoryId: string;
  @Prop({ type: [String], default: [] }) tags: string[];
  @Prop({ type: [String], default: [] }) imageUrls: string[];
  @Prop({ type: String, required: true, enum: ['draft', 'active', 'retired'] }) status: ProductStatus;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) skus: SkuState[];
  @Prop({ type: Number, required: true }) revision: number;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, required: true }) updatedAt: Date;
  @Prop({ type: Date }) publishedAt?: Date;
  @Prop({ type: Date }) retiredAt?: Date;
}

export type ProductDocument = ProductState & OutboxFields;
export const PRODUCT_MODEL = 'Product';
export const ProductSchema = SchemaFactory.createForClass(ProductRecord).plugin(outboxPlugin);

/** One SKU's row in the lookup: which product holds it, and its status as of the product's last write. */
export interface SkuLookup {
  /** The SKU id. */
  _id: string;
  productId: string;
  status: SkuStatus;
}

/**
 * `catalog_skus`: SKU id → product, on `_id`, so finding a SKU is one read by
 * a unique key on every store (the embedded store would scan every product
 * for `skus.skuId`). Written idempotently beside the product, in an order that
 * keeps it repairable without transactions (see ProductRepository).
 */
@Schema({ collection: 'catalog_skus', versionKey: false })
export class SkuLookupRecord implements SkuLookup {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) productId: string;
  @Prop({ type: String, required: true, enum: ['draft', 'active', 'retired'] }) status: SkuStatus;
}

export const SKU_LOOKUP_MODEL = 'SkuLookup';
export const SkuLookupSchema = SchemaFactory.createForClass(SkuLookupRecord);
