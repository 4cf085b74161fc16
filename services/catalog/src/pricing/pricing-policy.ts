import { applyRate, BasisPoints, FULL_RATE_BPS, isBasisPoints } from '@netdirect/contracts';

/*
 * The pricing policy as plain arithmetic: no NestJS, no database, every amount
 * an integer number of minor units of the one platform currency, every rate in
 * basis points, every rounding through the contracts' one rule (applyRate:
 * toward zero). The catalog's use cases load state, call these and apply the
 * result; unit and property tests pin the rules (pricing-policy.spec.ts).
 */

/** The terms of one pricing policy version (all basis points). */
export interface PricingTerms {
  /** member = cost × (1 + memberMarkup) on a first price. */
  memberMarkupBps: BasisPoints;
  /** retail = member × (1 + retailMarkup) on a first price. */
  retailMarkupBps: BasisPoints;
  /** BV = member price × bvShare, in points. At most 100 %, so BV is never worth more than the member price. */
  bvShareBps: BasisPoints;
  /** The member price never falls below cost × (1 + minPlatformMarkup): the platform's floor. */
  minPlatformMarkupBps: BasisPoints;
  /** Share of a cost change passed on to the retail price. */
  retailShareBps: BasisPoints;
  /** Share of a cost change passed on to the operator's margin (retail − member). retailShare + marginShare ≤ 100 %; the rest is the platform's. */
  marginShareBps: BasisPoints;
  /** Reprice only once the cost basis moved by more than this share of the cost the current price was set at. */
  repricingThresholdBps: BasisPoints;
}

export const PRICING_TERM_FIELDS = [
  'memberMarkupBps',
  'retailMarkupBps',
  'bvShareBps',
  'minPlatformMarkupBps',
  'retailShareBps',
  'marginShareBps',
  'repricingThresholdBps',
] as const satisfies readonly (keyof PricingTerms)[];

/** What a SKU sells for: minor units of the platform currency, and BV in hundredths of a point. */
export interface SkuPrices {
  retail: number;
  member: number;
  bv: number;
}

/**
 * How BV relates to money: hundredths of a point per whole currency unit
 * (CATALOG_BV_POINTS_PER_UNIT × 100, so `0.5` is 50 and stays an integer),
 * and minor units per whole unit (100 for EUR, 1 for JPY), so the
 * conversion is right for any currency.
 */
export interface BvConversion {
  pointsPerUnitHundredths: number;
  minorPerUnit: number;
}

/** A rule a set of terms breaks: the field and why (the use case makes it a 422). */
export interface TermsProblem {
  field: keyof PricingTerms;
  reason: string;
}

/**
 * What is wrong with a set of terms, or an empty list. Beyond each rate being
 * valid basis points: the pass-through shares and the BV share are shares of
 * an amount (≤ 100 %), and the member markup must reach the platform's floor,
 * or a first price would sit below the bound the same policy sets.
 */
export function termsProblems(terms: PricingTerms): TermsProblem[] {
  const problems: TermsProblem[] = [];
  for (const field of PRICING_TERM_FIELDS) {
    if (!isBasisPoints(terms[field]))
      problems.push({ field, reason: 'must be an integer from 0 to 100000 basis points' });
  }
  if (problems.length) return problems;
  if (terms.bvShareBps > FULL_RATE_BPS)
    problems.push({ field: 'bvShareBps', reason: 'must be at most 10000 (100 %)' });
  if (terms.repricingThresholdBps > FULL_RATE_BPS)
    problems.push({ field: 'repricingThresholdBps', reason: 'must be at most 10000 (100 %)' });
  if (terms.retailShareBps + terms.marginShareBps > FULL_RATE_BPS)
    problems.push({
      field: 'marginShareBps',
      reason: 'retailShareBps + marginShareBps must be at most 10000 (100 %)',
    });
  if (terms.memberMarkupBps < terms.minPlatformMarkupBps)
    problems.push({ field: 'memberMarkupBps', reason: 'must be at least minPlatformMarkupBps' });
  return problems;
}

function assertCost(cost: number, label: string): void {
  if (!Number.isSafeInteger(cost) || cost < 0)
    throw new RangeError(`${label} must be a non-negative integer, got ${cost}`);
}

/** The lowest member price the policy allows at this cost: cost × (1 + minimum platform markup). */
export function memberFloor(cost: number, terms: PricingTerms): number {
  assertCost(cost, 'cost');
  return cost + applyRate(cost, terms.minPlatformMarkupBps);
}

/**
 * BV in hundredths of a point for a member price: member (in whole units) ×
 * points per unit × BV share, truncated like every other rate. Computed in
 * BigInt over the exact fraction, so no currency's minor unit loses a digit.
 */
export function bvFor(
  memberPrice: number,
  terms: Pick<PricingTerms, 'bvShareBps'>,
  conversion: BvConversion,
): number {
  assertCost(memberPrice, 'member price');
  const numerator =
    BigInt(memberPrice) * BigInt(conversion.pointsPerUnitHundredths) * BigInt(terms.bvShareBps);
  const denominator = BigInt(conversion.minorPerUnit) * BigInt(FULL_RATE_BPS);
  return Number(numerator / denominator);
}

/** First price from a cost basis: member = cost × (1 + member markup); retail = member × (1 + retail markup); BV from member. */
export function firstPrice(cost: number, terms: PricingTerms, conversion: BvConversion): SkuPrices {
  assertCost(cost, 'cost');
  const member = cost + applyRate(cost, terms.memberMarkupBps);
  const retail = member + applyRate(member, terms.retailMarkupBps);
  return { retail, member, bv: bvFor(member, terms, conversion) };
}

/**
 * How a cost change Δ was shared. Signed like Δ (negative for a saving):
 * `retail + operatorMargin + platform === Δ` always, exactly.
 * - `retail`: what the retail price moved by;
 * - `operatorMargin`: Δ's part that went to operators — their margin (retail − member) moved by −operatorMargin;
 * - `platform`: the rest — the platform's margin (member − cost) moved by −platform.
 */
export interface CostChangeSplit {
  retail: number;
  operatorMargin: number;
  platform: number;
}

export interface RepricedSku {
  prices: SkuPrices;
  split: CostChangeSplit;
  /** True when the member price was held up at cost × (1 + minimum platform markup). */
  boundApplied: boolean;
}

/**
 * Pass a cost change on to the current prices (policy-made or manual alike).
 *
 * Δ = costAfter − costBefore. retail moves by applyRate(Δ, retailShare); the
 * member price by that plus applyRate(Δ, marginShare) — the sum of the two
 * rounded parts rather than one rate of Δ, so each party's part is exactly
 * what the split reports and the parts add up to Δ with no dust lost. The
 * member price is then held at the floor (the platform keeps what the floor
 * holds back) and retail is never below member. BV follows the new member
 * price. The split is read off the resulting prices, so it stays exact when
 * a bound cuts in.
 */
export function passThrough(
  current: SkuPrices,
  costBefore: number,
  costAfter: number,
  terms: PricingTerms,
  conversion: BvConversion,
): RepricedSku {
  assertCost(costBefore, 'cost before');
  assertCost(costAfter, 'cost after');
  const delta = costAfter - costBefore;
  const retailPart = applyRate(delta, terms.retailShareBps);
  const marginPart = applyRate(delta, terms.marginShareBps);
  const wantedMember = current.member + retailPart + marginPart;
  const floor = memberFloor(costAfter, terms);
  const boundApplied = wantedMember < floor;
  const member = boundApplied ? floor : wantedMember;
  const retail = Math.max(current.retail + retailPart, member);
  const retailMoved = retail - current.retail;
  const memberMoved = member - current.member;
  const split: CostChangeSplit = {
    retail: retailMoved,
    // operator margin moved by (retailMoved − memberMoved), i.e. by −operatorMargin
    operatorMargin: memberMoved - retailMoved,
    // platform margin moved by (memberMoved − Δ), i.e. by −platform
    platform: delta - memberMoved,
  };
  return { prices: { retail, member, bv: bvFor(member, terms, conversion) }, split, boundApplied };
}

/**
 * The threshold rule: reprice only once the cost basis has moved by more than
 * `thresholdBps` of the cost the current price was set at. Compared exactly
 * (|Δ| × 10 000 > threshold × pricedCost, in BigInt), so there is no rounding
 * at the edge. From a zero priced cost any move counts.
 */
export function movedBeyondThreshold(
  pricedCost: number,
  costBasis: number,
  thresholdBps: BasisPoints,
): boolean {
  assertCost(pricedCost, 'priced cost');
  assertCost(costBasis, 'cost basis');
  const moved = BigInt(Math.abs(costBasis - pricedCost));
  if (moved === 0n) return false;
  return moved * BigInt(FULL_RATE_BPS) > BigInt(thresholdBps) * BigInt(pricedCost);
}

/**
 * The weighted average unit cost after a receipt: (quantity × average +
 * received × unit cost) / (quantity + received), truncated toward zero (the
 * contracts' direction). With nothing at cost yet the receipt's cost is the
 * average, whatever the standard cost was.
 */
export function weightedAverage(
  quantity: number,
  average: number,
  received: number,
  unitCost: number,
): number {
  assertCost(average, 'average');
  assertCost(unitCost, 'unit cost');
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    throw new RangeError(`quantity must be a non-negative integer`);
  if (!Number.isSafeInteger(received) || received <= 0)
    throw new RangeError(`received must be a positive integer`);
  const total = BigInt(quantity) * BigInt(average) + BigInt(received) * BigInt(unitCost);
  return Number(total / BigInt(quantity + received));
}
