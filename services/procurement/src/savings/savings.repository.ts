import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';

/**
 * What buying centrally saved on one SKU in one month (`_id` = `<skuId>:<YYYY-MM>`):
 * units received, what they cost at the tier the run reached, and what they
 * would have cost at the list's first tier.
 */
@Schema({ collection: 'savings', versionKey: false, minimize: false })
export class SavingsRecord {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) skuId: string;
  @Prop({ type: String, required: true }) month: string;
  @Prop({ type: String, required: true }) currency: string;
  @Prop({ type: Number, default: 0 }) units: number;
  @Prop({ type: Number, default: 0 }) paid: number;
  @Prop({ type: Number, default: 0 }) atFirstTier: number;
  /** Per unit: how much retail prices fell in the month by cost changes the catalog passed on (ProductPriceChanged, cost-change). */
  @Prop({ type: Number, default: 0 }) retailReduction: number;
  /** Per unit: how much the operator margin (retail − member price) grew by those changes. */
  @Prop({ type: Number, default: 0 }) marginIncrease: number;
  /** The receipts and price changes counted (once each). */
  @Prop({ type: [String], default: [] }) applied: string[];
}
export const SAVINGS_MODEL = 'Savings';
export const SavingsSchema = SchemaFactory.createForClass(SavingsRecord);

@Injectable()
export class SavingsRepository {
  constructor(@InjectModel(SAVINGS_MODEL) private readonly savings: Model<SavingsRecord>) {}

  /** Count a received line once per receipt: the write matches only while the receipt is not in `applied`. */
  async add(r: { skuId: string; month: string; currency: string; receiptId: string; units: number; unitCost: number; firstTierUnitCost: number }): Promise<void> {
    const _id = `${r.skuId}:${r.month}`;
    try {
      await this.savings.collection.updateOne(
        { _id: _id as never, applied: { $ne: r.receiptId } },
        {
          $inc: { units: r.units, paid: r.units * r.unitCost, atFirstTier: r.units * r.firstTierUnitCost },
          $push: { applied: r.receiptId },
          $setOnInsert: { skuId: r.skuId, month: r.month, currency: r.currency },
        } as never,
        { upsert: true },
      );
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  /** Count one passed-on price change once (by its event id) in the SKU's month. */
  async passOn(r: { skuId: string; month: string; currency: string; eventId: string; retailReduction: number; marginIncrease: number }): Promise<void> {
    const _id = `${r.skuId}:${r.month}`;
    try {
      await this.savings.collection.updateOne(
        { _id: _id as never, applied: { $ne: r.eventId } },
        {
          $inc: { retailReduction: r.retailReduction, marginIncrease: r.marginIncrease },
          $push: { applied: r.eventId },
          $setOnInsert: { skuId: r.skuId, month: r.month, currency: r.currency },
        } as never,
        { upsert: true },
      );
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  list(filter: { month?: string; skuId?: string }, limit: number): Promise<SavingsRecord[]> {
    const q: Record<string, unknown> = {};
    if (filter.month) q.month = filter.month;
    if (filter.skuId) q.skuId = filter.skuId;
    return this.savings.collection.find<SavingsRecord>(q, { projection: { applied: 0 } }).sort({ month: -1, skuId: 1 }).limit(limit).toArray();
  }
}
