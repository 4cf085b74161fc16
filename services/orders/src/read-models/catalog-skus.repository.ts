import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SkuSnapshot } from '../orders/pricing';
import { CATALOG_SKU_MODEL, CatalogSkuState } from './catalog-sku.schema';

/** The catalog read model: every write is an idempotent overwrite of one SKU by `_id`. */
@Injectable()
export class CatalogSkusRepository {
  constructor(@InjectModel(CATALOG_SKU_MODEL) private readonly skus: Model<CatalogSkuState>) {}

  async set(skuId: string, set: Partial<CatalogSkuState>, onInsert: Partial<CatalogSkuState> = {}): Promise<void> {
    await this.skus.collection.updateOne(
      { _id: skuId as never },
      { $set: set, ...(Object.keys(onInsert).length ? { $setOnInsert: onInsert } : {}) },
      { upsert: true },
    );
  }

  /** Overwrite what exists; a SKU not known yet is left alone (false). */
  async update(skuId: string, set: Partial<CatalogSkuState>): Promise<boolean> {
    const res = await this.skus.collection.updateOne({ _id: skuId as never }, { $set: set });
    return res.matchedCount === 1;
  }

  /** The SKUs an order names, as snapshots (one read by `_id` each; an order has at most 200 lines). */
  async snapshots(skuIds: string[]): Promise<Map<string, SkuSnapshot>> {
    const found = await Promise.all(
      [...new Set(skuIds)].map((id) => this.skus.collection.findOne<CatalogSkuState>({ _id: id as never })),
    );
    const out = new Map<string, SkuSnapshot>();
    for (const s of found) {
      if (!s) continue;
      const priced = s.retailPrice !== undefined && s.memberPrice !== undefined && s.bv !== undefined && !!s.currency;
      out.set(s._id, {
        skuId: s._id,
        productId: s.productId,
        productName: s.productName ?? '',
        skuName: s.skuName ?? '',
        retailPrice: s.retailPrice ?? 0,
        memberPrice: s.memberPrice ?? 0,
        currency: s.currency ?? '',
        bv: s.bv ?? 0,
        status: s.status,
        published: priced && !!s.productName,
      });
    }
    return out;
  }
}
