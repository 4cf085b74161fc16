import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Money, money, ProductPriceChanged, SkuPriceChangeDetail } from '@netdirect/contracts';
import {
  Clock,
  CLOCK,
  derivedId,
  DomainError,
  EventRecorder,
  isDomainError,
  PrerequisiteMissing,
  SERVICE_SETTINGS,
} from '@netdirect/runtime';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CatalogSettings } from '../catalog.settings';
import { ProductRepository } from '../products/product.repository';
import { SkuCostRepository } from './costs/sku-cost.repository';
import { PriceTriple, PricingIntent, SkuCostState } from './costs/sku-cost.schema';
import { PRICE_HISTORY_MODEL, PriceHistoryEntry } from './history/price-history.schema';
import { PricingPolicyRepository } from './policies/pricing-policy.repository';
import {
  BvConversion,
  firstPrice,
  movedBeyondThreshold,
  passThrough,
  weightedAverage,
} from './pricing-policy';

const INTENT_ATTEMPTS = 8;

/**
 * The pricing use cases: cost basis changes (standard cost, receipts,
 * SkuCostChanged), first prices from a policy version, manual prices, and
 * repricing when the cost basis moved beyond the threshold.
 *
 * Every price change takes the same three steps without a transaction: the
 * decision is written onto the SKU's cost document (an intent, by
 * compare-and-set, so one decision per SKU at a time), then applied to the
 * product with its ProductPriceChanged by compare-and-set on the prices it
 * was computed from, then recorded in the history and cleared. Whoever next
 * touches the SKU finishes an intent a crash left behind (see {@link resume}).
 */
@Injectable()
export class SkuPricingService {
  private readonly conversion: BvConversion;
  private readonly currency: string;

  constructor(
    private readonly costs: SkuCostRepository,
    private readonly policies: PricingPolicyRepository,
    private readonly products: ProductRepository,
    private readonly recorder: EventRecorder,
    @InjectModel(PRICE_HISTORY_MODEL) private readonly history: Model<PriceHistoryEntry>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_SETTINGS) settings: CatalogSettings,
  ) {
    this.currency = settings.CATALOG_CURRENCY;
    this.conversion = {
      pointsPerUnitHundredths: Math.round(Number(settings.CATALOG_BV_POINTS_PER_UNIT) * 100),
      minorPerUnit: 10 ** minorDigits(settings.CATALOG_CURRENCY),
    };
  }

  /** Ops' standard cost, the basis before any receipt. Once goods arrived the receipts are the basis (422). */
  async setStandardCost(skuId: string, cost: Money): Promise<SkuCostState> {
    const unitCost = this.amount(cost, 'standardCost');
    const at = this.clock.now();
    const { state } = await this.costs.applyEntry(
      skuId,
      `standard:${randomUUID()}`,
      this.currency,
      at,
      (s) => {
        if (s.quantity > 0)
          throw DomainError.rule('standardCost', 'goods were received; the receipts are the cost basis now');
        return { kind: 'standard-cost', quantity: 0, unitCost, after: { quantity: 0, average: unitCost } };
      },
    );
    await this.repriceOnCost(skuId);
    return (await this.costs.find(skuId)) ?? state;
  }

  /**
   * One line of a GoodsReceived: weigh the landed unit cost into the average,
   * once per (receipt, SKU), then reprice if the basis moved beyond the threshold.
   */
  async receive(
    skuId: string,
    receiptId: string,
    quantity: number,
    landedUnitCost: Money,
    at: Date,
  ): Promise<void> {
    const unitCost = this.amount(landedUnitCost, 'landedUnitCost');
    await this.costs.applyEntry(skuId, receiptEffect(receiptId, skuId), this.currency, at, (s) => ({
      kind: 'receipt',
      quantity,
      unitCost,
      after: {
        quantity: s.quantity + quantity,
        average: weightedAverage(s.quantity, s.average ?? 0, quantity, unitCost),
      },
    }));
    // Also on a redelivery: a crash after the entry and before the reprice is finished here.
    await this.repriceOnCost(skuId);
  }

  /**
   * SkuCostChanged: procurement's unit cost of one receipt, without its
   * quantity; the GoodsReceived of the same receipt carries the quantity and
   * is what weighs into the average. So: once that receipt's line is in, this
   * changes nothing. Before it, if no units are at cost yet (only a standard
   * cost), the average over the receipt alone is its unit cost whatever the
   * quantity, so it is taken now and the GoodsReceived adds the units later.
   * With units at cost, the quantity is needed: wait for the GoodsReceived
   * (PrerequisiteMissing parks the event; it dead-letters if none comes).
   */
  async costChanged(skuId: string, receiptId: string, newUnitCost: Money, at: Date): Promise<void> {
    const unitCost = this.amount(newUnitCost, 'newUnitCost');
    const receipt = receiptEffect(receiptId, skuId);
    if (!(await this.costs.hasEffect(receipt))) {
      await this.costs.applyEntry(skuId, `cost-changed:${receiptId}:${skuId}`, this.currency, at, (s) => {
        if (s.quantity > 0)
          throw new PrerequisiteMissing(
            `GoodsReceived ${receiptId} for SKU ${skuId}: its quantity weighs the new cost`,
          );
        return { kind: 'cost-changed', quantity: 0, unitCost, after: { quantity: 0, average: unitCost } };
      });
    }
    await this.repriceOnCost(skuId);
  }

  /**
   * Units left stock (negative) or came back (positive), as the warehouse
   * reported: they change the weight of the average, not the average. Once
   * per `effectId`; before any cost is known there is nothing to weigh.
   */
  async stockMoved(skuId: string, effectId: string, delta: number, at: Date): Promise<void> {
    await this.costs.applyEntry(skuId, effectId, this.currency, at, (s) =>
      s.average === null
        ? null
        : {
            kind: 'stock-moved',
            quantity: delta,
            unitCost: s.average,
            after: { quantity: Math.max(0, s.quantity + delta), average: s.average },
          },
    );
  }

  /**
   * After the cost basis moved. A SKU never priced against a cost (a new SKU,
   * with the prices it was created with) gets its first price from the
   * current policy once it has a basis (its standard cost or first receipt).
   * Otherwise a cost change is passed on once the basis moved beyond the
   * threshold of the SKU's policy version since its last price; a manual price
   * is the price the change passes on to (and the SKU is policy-priced again after).
   */
  async repriceOnCost(skuId: string): Promise<void> {
    await this.decide(skuId, async (state) => {
      if (state.average === null) return null;
      if (state.pricedCost === null) return this.firstPriceByCurrentPolicy(skuId, state.average);
      if (state.policyVersion === null) return null;
      const policy = await this.policies.get(state.policyVersion);
      if (!movedBeyondThreshold(state.pricedCost, state.average, policy.repricingThresholdBps)) return null;
      const found = await this.products.findSku(skuId);
      if (!found || found.sku.status === 'retired') return null;
      const from = triple(found.sku);
      const r = passThrough(from, state.pricedCost, state.average, policy, this.conversion);
      return {
        productId: found.productId,
        cause: 'cost-change',
        from,
        to: r.prices,
        manual: false,
        pricedCost: state.average,
        policyVersion: policy._id,
        costBefore: state.pricedCost,
        retailShareBps: policy.retailShareBps,
        marginShareBps: policy.marginShareBps,
        split: r.split,
        boundApplied: r.boundApplied,
        by: 'pricing-policy',
      };
    });
  }

  private async firstPriceByCurrentPolicy(skuId: string, cost: number): Promise<Omit<PricingIntent, 'id' | 'skuId' | 'at'> | null> {
    const policy = await this.policies.current();
    if (!policy) return null; // no policy yet: the SKU keeps its prices until ops apply one
    const found = await this.products.findSku(skuId);
    if (!found || found.sku.status === 'retired') return null;
    return {
      productId: found.productId,
      cause: 'policy-change',
      from: triple(found.sku),
      to: firstPrice(cost, policy, this.conversion),
      manual: false,
      pricedCost: cost,
      policyVersion: policy._id,
      costBefore: null,
      retailShareBps: null,
      marginShareBps: null,
      split: null,
      boundApplied: false,
      by: 'pricing-policy',
    };
  }

  /** Ops apply a policy version to chosen SKUs: each gets its first price from its cost basis. */
  async applyPolicy(version: number, skuIds: string[], by: string): Promise<PricingIntent[]> {
    const policy = await this.policies.get(version);
    const applied: PricingIntent[] = [];
    for (const skuId of skuIds) {
      const found = await this.products.findSku(skuId);
      if (!found) throw DomainError.notFound(`No SKU ${skuId}`);
      const intent = await this.decide(skuId, (state) => {
        if (state.average === null)
          throw DomainError.rule('skuIds', `SKU ${skuId} has no cost basis yet: set its standard cost first`);
        const from = triple(found.sku);
        const to = firstPrice(state.average, policy, this.conversion);
        // Priced by this version at this cost already (its first price, say): nothing to change.
        if (sameTriple(from, to) && state.policyVersion === policy._id && state.pricedCost === state.average) return Promise.resolve(null);
        return Promise.resolve({
          productId: found.productId,
          cause: 'policy-change' as const,
          from,
          to,
          manual: false,
          pricedCost: state.average,
          policyVersion: policy._id,
          costBefore: state.pricedCost,
          retailShareBps: null,
          marginShareBps: null,
          split: null,
          boundApplied: false,
          by,
        });
      });
      if (intent) applied.push(intent);
    }
    return applied;
  }

  /**
   * Ops set a SKU's prices by hand. They hold until the next cost change
   * beyond the threshold, which passes on to them; they are measured from the
   * cost basis of now, the cost ops priced against.
   */
  async setManual(
    skuId: string,
    prices: { retailPrice: Money; memberPrice: Money; bv: number },
    by: string,
  ): Promise<PricingIntent> {
    const to = {
      retail: this.amount(prices.retailPrice, 'retailPrice'),
      member: this.amount(prices.memberPrice, 'memberPrice'),
      bv: prices.bv,
    };
    if (to.member > to.retail) throw DomainError.rule('memberPrice', 'must not be above the retail price');
    const maxBv = Number(
      (BigInt(to.member) * BigInt(this.conversion.pointsPerUnitHundredths)) /
        BigInt(this.conversion.minorPerUnit),
    );
    if (to.bv > maxBv)
      throw DomainError.rule('bv', 'is worth more points than the member price has currency units');
    const found = await this.products.findSku(skuId);
    if (!found) throw DomainError.notFound(`No SKU ${skuId}`);
    const intent = await this.decide(skuId, (state) =>
      Promise.resolve({
        productId: found.productId,
        cause: 'manual' as const,
        from: triple(found.sku),
        to,
        manual: true,
        pricedCost: state.average,
        policyVersion: state.policyVersion,
        costBefore: state.pricedCost,
        retailShareBps: null,
        marginShareBps: null,
        split: null,
        boundApplied: false,
        by,
      }),
    );
    if (!intent)
      throw DomainError.conflict(`The prices of SKU ${skuId} changed meanwhile; read them and try again`);
    return intent;
  }

  /**
   * Decide and apply one price change for a SKU: finish a pending intent
   * first, then ask `choose` (null: nothing to change), write the intent by
   * compare-and-set (retrying when the SKU's cost moved meanwhile), and
   * resume it. Returns the intent when it reached the product.
   */
  private async decide(
    skuId: string,
    choose: (state: SkuCostState) => Promise<Omit<PricingIntent, 'id' | 'skuId' | 'at'> | null>,
  ): Promise<PricingIntent | null> {
    for (let attempt = 0; attempt < INTENT_ATTEMPTS; attempt++) {
      const state = await this.costs.load(skuId, this.currency, this.clock.now());
      if (state.pending) {
        await this.resume(state.pending);
        continue;
      }
      const choice = await choose(state);
      if (!choice) return null;
      const at = this.clock.now();
      const intent: PricingIntent = {
        ...choice,
        id: derivedId('price', skuId, String(state.revision)),
        skuId,
        at,
      };
      if (!(await this.costs.setIntent(state, intent))) continue;
      return (await this.resume(intent)) ? intent : null;
    }
    throw DomainError.conflict(`The prices of SKU ${skuId} kept changing; try again`);
  }

  /**
   * Apply an intent to the product (compare-and-set on the prices it was
   * computed from, with its event), record it in the history, clear it. If
   * the product already shows the intent's prices, an earlier attempt applied
   * it; if it shows others, something else priced the SKU meanwhile and the
   * intent is dropped (the next cost change measures from the cost kept).
   */
  private async resume(intent: PricingIntent): Promise<boolean> {
    const event = this.recorder.record(ProductPriceChanged, this.eventData(intent), {
      id: intent.id,
      occurredAt: intent.at,
    });
    let applied: boolean;
    try {
      applied = await this.products.applySkuPricing({
        productId: intent.productId,
        skuId: intent.skuId,
        expected: { retail: intent.from.retail, member: intent.from.member },
        retailPrice: money(intent.to.retail, this.currency),
        memberPrice: money(intent.to.member, this.currency),
        bv: intent.to.bv,
        manual: intent.manual,
        events: [event],
      });
    } catch (e) {
      // A rule the product refuses (a retired SKU) will refuse every retry: drop the intent, answer the rule.
      if (isDomainError(e) && e.kind === 'rule')
        await this.costs.finishIntent(intent.skuId, intent, false, this.clock.now());
      throw e;
    }
    if (!applied) {
      const found = await this.products.findSku(intent.skuId);
      applied = !!found && sameTriple(triple(found.sku), intent.to) && found.sku.manual === intent.manual;
    }
    if (applied) {
      const entry = this.historyEntry(intent);
      await this.history.collection.updateOne(
        { _id: entry._id as never },
        { $setOnInsert: entry },
        { upsert: true },
      );
    }
    await this.costs.finishIntent(intent.skuId, intent, applied, this.clock.now());
    return applied;
  }

  private eventData(intent: PricingIntent): ProductPriceChanged {
    const m = (amount: number | null) => (amount === null ? null : money(amount, this.currency));
    const detail: SkuPriceChangeDetail = {
      skuId: intent.skuId,
      previousRetailPrice: m(intent.from.retail),
      previousMemberPrice: m(intent.from.member),
      previousBv: intent.from.bv,
      costBasisBefore: m(intent.costBefore),
      costBasisAfter: m(intent.pricedCost),
      retailShareBps: intent.retailShareBps,
      marginShareBps: intent.marginShareBps,
      shares: intent.split,
      boundApplied: intent.boundApplied,
    };
    return {
      productId: intent.productId,
      prices: [
        {
          skuId: intent.skuId,
          retailPrice: money(intent.to.retail, this.currency),
          memberPrice: money(intent.to.member, this.currency),
          bv: intent.to.bv,
        },
      ],
      reason: intent.cause,
      pricingPolicyVersion: intent.policyVersion === null ? null : String(intent.policyVersion),
      effectiveFrom: new Date(intent.at).toISOString(),
      details: [detail],
    };
  }

  /** The history entry a price change is recorded as (also what the routes answer). */
  historyEntry(intent: PricingIntent): PriceHistoryEntry {
    const at = new Date(intent.at);
    return {
      _id: `${intent.productId}:${at.toISOString()}:${intent.id}`,
      productId: intent.productId,
      skuId: intent.skuId,
      cause: intent.cause,
      currency: this.currency,
      previous: intent.from,
      next: intent.to,
      costBefore: intent.costBefore,
      costAfter: intent.pricedCost,
      policyVersion: intent.policyVersion,
      retailShareBps: intent.retailShareBps,
      marginShareBps: intent.marginShareBps,
      split: intent.split,
      boundApplied: intent.boundApplied,
      manual: intent.manual,
      at,
      by: intent.by,
    };
  }

  /** The amount of a Money in the platform currency; another currency is a business-rule refusal. */
  private amount(value: Money, field: string): number {
    if (value.currency !== this.currency) throw DomainError.rule(field, `must be in ${this.currency}`);
    if (!Number.isSafeInteger(value.amount) || value.amount < 0)
      throw DomainError.rule(field, 'must not be negative');
    return value.amount;
  }

  /** The price history of a product, oldest first: one `_id` prefix range. */
  async historyOf(productId: string): Promise<PriceHistoryEntry[]> {
    const prefix = productId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.history.collection
      .find<PriceHistoryEntry>({ _id: { $regex: `^${prefix}:` } as never })
      .sort({ _id: 1 })
      .toArray();
  }

  /** A SKU's cost document (404 if the catalog knows no cost for it). */
  async cost(skuId: string): Promise<SkuCostState> {
    const state = await this.costs.find(skuId);
    if (!state) throw DomainError.notFound(`No cost known for SKU ${skuId}`);
    return state;
  }
}

/** The effect id of one SKU's line of one receipt: the same from GoodsReceived and from SkuCostChanged's check. */
function receiptEffect(receiptId: string, skuId: string): string {
  return `receipt:${receiptId}:${skuId}`;
}

function triple(sku: { retailPrice: Money; memberPrice: Money; bv: number }): PriceTriple {
  return { retail: sku.retailPrice.amount, member: sku.memberPrice.amount, bv: sku.bv };
}

function sameTriple(a: PriceTriple, b: PriceTriple): boolean {
  return a.retail === b.retail && a.member === b.member && a.bv === b.bv;
}

/** Digits after the decimal point of a currency's minor unit (2 for EUR, 0 for JPY), from the ICU data. */
function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}
