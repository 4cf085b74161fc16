import type { Tier } from '../price-lists/price-list';

/*
 * The buy decision for one SKU: which supplier, how many units, at what
 * tier. A pure function, so a run over every SKU is a loop in memory and the
 * rule can be property-tested.
 */

/** One supplier's current terms for a SKU (amounts in minor units of the platform currency). */
export interface Offer {
  supplierId: string;
  priceListId: string;
  leadTimeDays: number;
  minimumOrderQuantity: number;
  packSize: number;
  /** Ascending by minQuantity, costs not rising (a validated price list). */
  tiers: Tier[];
}

/** How many units a SKU needs and within how many days they should arrive. */
export interface Need {
  quantity: number;
  needWithinDays: number;
}

/** A way to buy: quantity at one unit cost from one offer. */
export interface BuyOption {
  supplierId: string;
  priceListId: string;
  quantity: number;
  unitCost: number;
  total: number;
  /** The unit cost of the offer's first tier, what buying without aggregation would have cost. */
  firstTierUnitCost: number;
  leadTimeDays: number;
  /** Bought beyond the need because the next tier made the total cheaper. */
  upToNextTier: boolean;
}

export type RejectionReason = 'more-expensive' | 'too-slow' | 'no-safe-total';

/** An offer a decision did not take, and why. */
export interface RejectedOption {
  supplierId: string;
  priceListId: string;
  reason: RejectionReason;
  /** Its cheapest option, for comparison; null when none could be priced. */
  quantity: number | null;
  total: number | null;
  leadTimeDays: number;
}

export interface BuyDecision {
  chosen: BuyOption | null;
  /** True when no offer's lead time met the need and the chosen one is late. */
  late: boolean;
  rejected: RejectedOption[];
}

const roundUpTo = (q: number, pack: number) => Math.ceil(q / pack) * pack;

/** The unit cost at a quantity: the last tier starting at or below it (the first tier below its start). */
export function unitCostAt(tiers: readonly Tier[], quantity: number): number {
  let cost = tiers[0].unitCost;
  for (const t of tiers) {
    if (t.minQuantity <= quantity) cost = t.unitCost;
    else break;
  }
  return cost;
}

/**
 * The cheapest way to buy at least `quantity` units from one offer: the
 * quantity rounded up to whole packs and the minimum, or the start of a later
 * tier (rounded up to packs) when that costs less in total. A tie keeps the
 * smaller quantity. Null when no total is a safe integer.
 */
export function cheapestFrom(offer: Offer, quantity: number): BuyOption | null {
  const pack = Math.max(1, offer.packSize);
  const base = roundUpTo(Math.max(quantity, offer.minimumOrderQuantity), pack);
  let best: BuyOption | null = null;
  const consider = (q: number, upToNextTier: boolean) => {
    const unitCost = unitCostAt(offer.tiers, q);
    const total = unitCost * q;
    if (!Number.isSafeInteger(total)) return;
    if (!best || total < best.total || (total === best.total && q < best.quantity))
      best = {
        supplierId: offer.supplierId,
        priceListId: offer.priceListId,
        quantity: q,
        unitCost,
        total,
        firstTierUnitCost: offer.tiers[0].unitCost,
        leadTimeDays: offer.leadTimeDays,
        upToNextTier,
      };
  };
  consider(base, false);
  for (const t of offer.tiers) if (t.minQuantity > base) consider(roundUpTo(t.minQuantity, pack), true);
  return best;
}

/**
 * Choose supplier and quantity for a need: the lowest total among offers
 * whose lead time meets the need (only if none does, among all offers, and
 * the decision is marked late). Ties go to the shorter lead time, then the
 * supplier id, so the same input always gives the same decision.
 */
export function chooseBuy(need: Need, offers: readonly Offer[]): BuyDecision {
  const priced = offers.map((offer) => ({ offer, option: cheapestFrom(offer, need.quantity) }));
  const inTime = priced.filter((p) => p.offer.leadTimeDays <= need.needWithinDays && p.option);
  const late = inTime.length === 0;
  const pool = late ? priced.filter((p) => p.option) : inTime;
  let chosen: BuyOption | null = null;
  for (const { option } of pool) if (better(option!, chosen)) chosen = option;
  const rejected: RejectedOption[] = [];
  for (const { offer, option } of priced) {
    if (chosen && option === chosen) continue;
    const reason: RejectionReason = !option
      ? 'no-safe-total'
      : !late && offer.leadTimeDays > need.needWithinDays
        ? 'too-slow'
        : 'more-expensive';
    rejected.push({
      supplierId: offer.supplierId,
      priceListId: offer.priceListId,
      reason,
      quantity: option?.quantity ?? null,
      total: option?.total ?? null,
      leadTimeDays: offer.leadTimeDays,
    });
  }
  return { chosen, late: late && chosen !== null, rejected };
}

function better(a: BuyOption, b: BuyOption | null): boolean {
  if (!b) return true;
  if (a.total !== b.total) return a.total < b.total;
  if (a.leadTimeDays !== b.leadTimeDays) return a.leadTimeDays < b.leadTimeDays;
  return a.supplierId < b.supplierId;
}
