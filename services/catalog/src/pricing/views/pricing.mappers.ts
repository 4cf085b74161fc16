import { money } from '@netdirect/contracts';
import { PriceTriple, SkuCostState } from '../costs/sku-cost.schema';
import { PriceHistoryEntry } from '../history/price-history.schema';
import { PricingPolicyVersion } from '../policies/pricing-policy.schema';
import { PriceChangeView } from './price-change.view';
import { PricingPolicyView } from './pricing-policy.view';
import { SkuCostView } from './sku-cost.view';
import { SkuPricesView } from './sku-prices.view';

/* Stored shapes → HTTP views. */

export function toPolicyView(p: PricingPolicyVersion): PricingPolicyView {
  return {
    version: p._id,
    memberMarkupBps: p.memberMarkupBps,
    retailMarkupBps: p.retailMarkupBps,
    bvShareBps: p.bvShareBps,
    minPlatformMarkupBps: p.minPlatformMarkupBps,
    retailShareBps: p.retailShareBps,
    marginShareBps: p.marginShareBps,
    repricingThresholdBps: p.repricingThresholdBps,
    createdAt: new Date(p.createdAt).toISOString(),
    createdBy: p.createdBy,
  };
}

const orNull = (amount: number | null, currency: string) =>
  amount === null ? null : money(amount, currency);

function prices(t: PriceTriple, currency: string): SkuPricesView {
  return { retailPrice: money(t.retail, currency), memberPrice: money(t.member, currency), bv: t.bv };
}

export function toCostView(s: SkuCostState): SkuCostView {
  return {
    skuId: s._id,
    costBasis: orNull(s.average, s.currency),
    quantityAtCost: s.quantity,
    pricedAt: orNull(s.pricedCost, s.currency),
    policyVersion: s.policyVersion,
  };
}

export function toPriceChangeView(e: PriceHistoryEntry): PriceChangeView {
  return {
    productId: e.productId,
    skuId: e.skuId,
    cause: e.cause,
    previous: prices(e.previous, e.currency),
    next: prices(e.next, e.currency),
    costBasisBefore: orNull(e.costBefore, e.currency),
    costBasisAfter: orNull(e.costAfter, e.currency),
    policyVersion: e.policyVersion,
    retailShareBps: e.retailShareBps,
    marginShareBps: e.marginShareBps,
    split: e.split,
    boundApplied: e.boundApplied,
    manual: e.manual,
    at: new Date(e.at).toISOString(),
    by: e.by,
  };
}
