import { SupplierPriceListPublished } from '@netdirect/contracts';
import { domainEvent, DomainEvent } from '@netdirect/runtime';

/*
 * A supplier's price list: per SKU the supplier's terms and quantity tiers.
 * Plain code: no NestJS, no database. Validation lists every reason at once,
 * so a supplier fixes a rejected list in one round trip instead of one
 * reason per attempt.
 */

/** One quantity break: from `minQuantity` units on, each unit costs `unitCost` minor units. */
export interface Tier {
  minQuantity: number;
  unitCost: number;
}

/** A supplier's terms for one SKU. Amounts are minor units in the list's currency. */
export interface PriceListItem {
  skuId: string;
  supplierSku?: string | null;
  leadTimeDays: number;
  minimumOrderQuantity: number;
  /** Units per pack: the supplier sells only whole packs. */
  packSize: number;
  tiers: Tier[];
}

/** A price list as a supplier submits it. Tier costs carry their currency so a foreign one can be named. */
export interface PriceListInput {
  currency: string;
  validFrom: Date;
  validUntil?: Date | null;
  items: {
    skuId: string;
    supplierSku?: string | null;
    leadTimeDays: number;
    minimumOrderQuantity: number;
    packSize: number;
    tiers: { minQuantity: number; unitCost: { amount: number; currency: string } }[];
  }[];
}

/** One reason a price list is refused, naming the field it is about. */
export interface Refusal {
  field: string;
  reason: string;
}

/**
 * Every reason the list is refused, or none. `platformCurrency` is the one
 * currency the platform buys in (another is refused, not converted).
 */
export function priceListRefusals(input: PriceListInput, platformCurrency: string): Refusal[] {
  const out: Refusal[] = [];
  if (input.currency !== platformCurrency)
    out.push({ field: 'currency', reason: `must be the platform currency ${platformCurrency}` });
  if (input.validUntil && input.validUntil.getTime() <= input.validFrom.getTime())
    out.push({ field: 'validUntil', reason: 'must be after validFrom' });
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (seen.has(item.skuId)) out.push({ field: `${at}.skuId`, reason: `${item.skuId} is listed twice` });
    seen.add(item.skuId);
    out.push(...itemRefusals(item, at, input.currency));
  });
  return out;
}

function itemRefusals(item: PriceListInput['items'][number], at: string, currency: string): Refusal[] {
  const out: Refusal[] = [];
  const { packSize, minimumOrderQuantity: moq, tiers } = item;
  if (packSize === 0) out.push({ field: `${at}.packSize`, reason: 'must not be zero' });
  else if (packSize > 0 && moq % packSize !== 0)
    out.push({ field: `${at}.minimumOrderQuantity`, reason: `${moq} is not a multiple of the pack size ${packSize}` });
  if (tiers.length === 0) out.push({ field: `${at}.tiers`, reason: 'must have at least one tier' });
  if (tiers.length > 0 && tiers[0].minQuantity > moq)
    out.push({
      field: `${at}.tiers[0].minQuantity`,
      reason: `the first tier must apply from the minimum order quantity ${moq} (it starts at ${tiers[0].minQuantity})`,
    });
  tiers.forEach((t, j) => {
    if (t.unitCost.currency !== currency)
      out.push({ field: `${at}.tiers[${j}].unitCost.currency`, reason: `must be the list's currency ${currency}` });
    if (j === 0) return;
    const prev = tiers[j - 1];
    if (t.minQuantity === prev.minQuantity)
      out.push({ field: `${at}.tiers[${j}].minQuantity`, reason: `overlaps tier ${j - 1} (both start at ${t.minQuantity})` });
    else if (t.minQuantity < prev.minQuantity)
      out.push({
        field: `${at}.tiers[${j}].minQuantity`,
        reason: `tiers must ascend by minQuantity (${t.minQuantity} follows ${prev.minQuantity})`,
      });
    if (t.unitCost.amount > prev.unitCost.amount)
      out.push({
        field: `${at}.tiers[${j}].unitCost`,
        reason: `a cost may not rise with quantity (${t.unitCost.amount} from ${t.minQuantity} units is more than ${prev.unitCost.amount})`,
      });
  });
  return out;
}

/** The list's items as the domain keeps them (amounts without their currency, which is the list's). */
export function toItems(input: PriceListInput): PriceListItem[] {
  return input.items.map((i) => ({
    skuId: i.skuId,
    supplierSku: i.supplierSku ?? null,
    leadTimeDays: i.leadTimeDays,
    minimumOrderQuantity: i.minimumOrderQuantity,
    packSize: i.packSize,
    tiers: i.tiers.map((t) => ({ minQuantity: t.minQuantity, unitCost: t.unitCost.amount })),
  }));
}

/** What is stored of a price list (`price_lists`, `_id` = price list id). */
export interface PriceListState {
  _id: string;
  supplierId: string;
  currency: string;
  validFrom: Date;
  validUntil: Date | null;
  items: PriceListItem[];
  publishedAt: Date;
  /** Set once every item is in the per-SKU offer index a run reads; a run uses only indexed lists. */
  indexedAt: Date | null;
  seq: number;
}

/** A list's header, without its items: what a run needs to know which list of a supplier is current. */
export type PriceListHeader = Pick<PriceListState, '_id' | 'supplierId' | 'validFrom' | 'validUntil' | 'publishedAt' | 'indexedAt'>;

/**
 * The list of each supplier that applies at `at`: a later list replaces an
 * earlier one from its validFrom, so it is the one with the latest validFrom
 * at or before `at` that has not expired (the latest published wins a tie).
 */
export function currentLists(headers: readonly PriceListHeader[], at: Date): Map<string, string> {
  const best = new Map<string, PriceListHeader>();
  const t = at.getTime();
  for (const h of headers) {
    if (!h.indexedAt || new Date(h.validFrom).getTime() > t) continue;
    if (h.validUntil && new Date(h.validUntil).getTime() <= t) continue;
    const cur = best.get(h.supplierId);
    const later =
      !cur ||
      new Date(h.validFrom).getTime() > new Date(cur.validFrom).getTime() ||
      (new Date(h.validFrom).getTime() === new Date(cur.validFrom).getTime() && new Date(h.publishedAt).getTime() > new Date(cur.publishedAt).getTime());
    if (later) best.set(h.supplierId, h);
  }
  return new Map([...best].map(([supplierId, h]) => [supplierId, h._id]));
}

/**
 * A new price list of a supplier, or every reason it is refused. The event
 * carries the whole list, so other services can show achievable costs.
 */
export function publishPriceList(
  id: string,
  supplier: { _id: string; status: string },
  input: PriceListInput,
  platformCurrency: string,
  at: Date,
): { state: PriceListState; events: DomainEvent[] } | Refusal[] {
  const refusals = priceListRefusals(input, platformCurrency);
  if (supplier.status !== 'active') refusals.unshift({ field: 'supplierId', reason: 'the supplier is suspended' });
  if (refusals.length) return refusals;
  const items = toItems(input);
  const state: PriceListState = {
    _id: id,
    supplierId: supplier._id,
    currency: input.currency,
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
    items,
    publishedAt: at,
    indexedAt: null,
    seq: 0,
  };
  const data: SupplierPriceListPublished = {
    supplierId: supplier._id,
    priceListId: id,
    currency: input.currency,
    validFrom: input.validFrom.toISOString(),
    validUntil: input.validUntil ? input.validUntil.toISOString() : null,
    items: items.map((i) => ({
      skuId: i.skuId,
      supplierSku: i.supplierSku ?? null,
      leadTimeDays: i.leadTimeDays,
      minimumOrderQuantity: i.minimumOrderQuantity,
      packSize: i.packSize,
      tiers: i.tiers.map((t) => ({ minQuantity: t.minQuantity, unitCost: { amount: t.unitCost, currency: input.currency } })),
    })),
    publishedAt: at.toISOString(),
  };
  return { state, events: [domainEvent(SupplierPriceListPublished, data, at)] };
}
