import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { inParallel } from '../common/in-parallel';
import { DemandEntry, DemandState } from './demand';
import { DEMAND_MODEL } from './demand.schema';

/** Where open demand per SKU is kept. */
@Injectable()
export class DemandRepository {
  constructor(@InjectModel(DEMAND_MODEL) private readonly demand: Model<DemandState>) {}

  /**
   * Enter a signal once: the write matches only while the key was never
   * seen, and creates the SKU's document if there is none; a key seen before
   * makes the insert collide on `_id`, which means "already entered".
   * True when it was entered now.
   */
  async add(skuId: string, key: string, entry: DemandEntry): Promise<boolean> {
    try {
      const res = await this.demand.collection.updateOne(
        { _id: skuId as never, [`seen.${key}`]: { $exists: false } },
        { $set: { [`entries.${key}`]: entry, [`seen.${key}`]: 1 } },
        { upsert: true },
      );
      return res.modifiedCount + res.upsertedCount > 0;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Every SKU with demand entries, streamed once. */
  cursor(): AsyncIterable<Pick<DemandState, '_id' | 'entries'>> {
    return this.demand.collection.find<Pick<DemandState, '_id' | 'entries'>>({}, { projection: { entries: 1 } });
  }

  find(skuId: string): Promise<DemandState | null> {
    return this.demand.collection.findOne<DemandState>({ _id: skuId as never });
  }

  /** Remove the entries a run bought for (idempotent: removing a removed key changes nothing). */
  async consume(bySku: { skuId: string; keys: string[] }[]): Promise<void> {
    const ops = bySku
      .filter((s) => s.keys.length)
      .map((s) => ({
        updateOne: { filter: { _id: s.skuId }, update: { $unset: Object.fromEntries(s.keys.map((k) => [`entries.${k}`, 1])) } },
      }));
    const batches = [];
    for (let i = 0; i < ops.length; i += 500) batches.push(ops.slice(i, i + 500));
    await inParallel(batches, 4, (batch) => this.demand.collection.bulkWrite(batch as never, { ordered: false }));
  }
}
