import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import {
  COST_ENTRY_MODEL,
  CostEntry,
  costEntryId,
  PricingIntent,
  SKU_COST_MODEL,
  SkuCostState,
} from './sku-cost.schema';

/** What a cost entry would do to the SKU, or null to log nothing (the caller decided it is not needed). */
export type CostStep = Omit<CostEntry, '_id' | 'effectId' | 'skuId' | 'at'> | null;

const ATTEMPTS = 8;

/**
 * SKU cost documents and their entry log. Every read is by `_id` or the
 * unique `effectId`, so it costs the same on MongoDB and the embedded store.
 */
@Injectable()
export class SkuCostRepository {
  constructor(
    @InjectModel(SKU_COST_MODEL) private readonly costs: Model<SkuCostState>,
    @InjectModel(COST_ENTRY_MODEL) private readonly entries: Model<CostEntry>,
  ) {}

  find(skuId: string): Promise<SkuCostState | null> {
    return this.costs.collection.findOne<SkuCostState>({ _id: skuId as never });
  }

  /** The SKU's cost document, created empty (no cost yet) if it has none. */
  async load(skuId: string, currency: string, at: Date): Promise<SkuCostState> {
    const found = await this.find(skuId);
    if (found) return found;
    const empty: SkuCostState = {
      _id: skuId,
      currency,
      quantity: 0,
      average: null,
      revision: 0,
      entries: 0,
      pricedCost: null,
      policyVersion: null,
      pending: null,
      updatedAt: at,
    };
    await this.costs.collection.updateOne({ _id: skuId as never }, { $setOnInsert: empty }, { upsert: true });
    return (await this.find(skuId)) as SkuCostState;
  }

  /** True if an entry with this effect id was logged (applied, or to be applied by the next writer). */
  async hasEffect(effectId: string): Promise<boolean> {
    return (await this.entries.collection.countDocuments({ effectId }, { limit: 1 })) > 0;
  }

  /**
   * Log and apply one cost change, once per `effectId`. First any entry a
   * crashed writer logged but did not apply is applied (entries apply in
   * number order); then, unless this effect is already logged, `decide` sees
   * the current state and returns the step, which is logged as the next
   * entry (its number and the effect id are both unique) and applied by
   * compare-and-set. Returns the state after, and whether this call logged it.
   */
  async applyEntry(
    skuId: string,
    effectId: string,
    currency: string,
    at: Date,
    decide: (state: SkuCostState) => CostStep,
  ): Promise<{ state: SkuCostState; logged: boolean }> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const state = await this.load(skuId, currency, at);
      const unapplied = await this.entries.collection.findOne<CostEntry>({
        _id: costEntryId(skuId, state.entries + 1) as never,
      });
      if (unapplied) {
        await this.take(state, unapplied);
        continue;
      }
      if (await this.hasEffect(effectId)) return { state, logged: false };
      const step = decide(state);
      if (!step) return { state, logged: false };
      const entry: CostEntry = { _id: costEntryId(skuId, state.entries + 1), effectId, skuId, at, ...step };
      try {
        await this.entries.collection.insertOne(entry as never);
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
        continue; // another writer logged this number, or this effect, first: start over
      }
      await this.take(state, entry);
      return { state: (await this.find(skuId)) as SkuCostState, logged: true };
    }
    throw DomainError.conflict(`The cost of SKU ${skuId} kept changing; try again`);
  }

  /** Write a pricing intent onto the SKU, only if none is pending and the SKU did not change since `state` was read. */
  async setIntent(state: SkuCostState, intent: PricingIntent): Promise<boolean> {
    const res = await this.costs.collection.updateOne(
      { _id: state._id as never, revision: state.revision, pending: null },
      { $set: { pending: intent, updatedAt: intent.at }, $inc: { revision: 1 } },
    );
    return res.matchedCount === 1;
  }

  /** Clear a pending intent; when it was applied, the SKU's price now follows its cost and policy version. */
  async finishIntent(skuId: string, intent: PricingIntent, applied: boolean, at: Date): Promise<void> {
    const set: Record<string, unknown> = { pending: null, updatedAt: at };
    if (applied) {
      set.pricedCost = intent.pricedCost;
      set.policyVersion = intent.policyVersion;
    }
    await this.costs.collection.updateOne(
      { _id: skuId as never, 'pending.id': intent.id },
      { $set: set, $inc: { revision: 1 } },
    );
  }

  /** Apply a logged entry to the SKU it was computed for; losing the race means another writer applied it. */
  private async take(state: SkuCostState, entry: CostEntry): Promise<void> {
    await this.costs.collection.updateOne(
      { _id: state._id as never, entries: state.entries },
      {
        $set: {
          quantity: entry.after.quantity,
          average: entry.after.average,
          entries: state.entries + 1,
          updatedAt: entry.at,
        },
        $inc: { revision: 1 },
      },
    );
  }
}
