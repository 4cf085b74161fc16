import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';

/** What procurement knows of a catalog SKU, from the catalog's product events: `active` once published, `retired` for good. */
@Schema({ collection: 'catalog_skus', versionKey: false })
export class CatalogSkuRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) status: 'active' | 'retired';
}
export const CATALOG_SKU_MODEL = 'CatalogSku';
export const CatalogSkuSchema = SchemaFactory.createForClass(CatalogSkuRecord);

/** The SKUs a run may buy: published by the catalog and not retired. */
@Injectable()
export class CatalogSkuRepository {
  constructor(@InjectModel(CATALOG_SKU_MODEL) private readonly skus: Model<CatalogSkuRecord>) {}

  /** Published: active unless already retired (retirement is final, so a late or repeated publish changes nothing). */
  async published(skuIds: string[]): Promise<void> {
    for (const skuId of skuIds) {
      try {
        await this.skus.collection.updateOne({ _id: skuId as never, status: { $ne: 'retired' } }, { $set: { status: 'active' } }, { upsert: true });
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
      }
    }
  }

  async retired(skuIds: string[]): Promise<void> {
    for (const skuId of skuIds)
      await this.skus.collection.updateOne({ _id: skuId as never }, { $set: { status: 'retired' } }, { upsert: true });
  }

  /** The ids of SKUs that may be bought, read once per run. */
  async buyable(): Promise<Set<string>> {
    const rows = await this.skus.collection.find<{ _id: string }>({ status: 'active' }, { projection: { _id: 1 } }).toArray();
    return new Set(rows.map((r) => r._id));
  }
}
