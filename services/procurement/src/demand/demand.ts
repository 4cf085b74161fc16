import { derivedId } from '@netdirect/runtime';

/*
 * What a SKU needs bought, before a run subtracts what is on order. Plain
 * code. Each signal is an entry under its own key, derived from what caused
 * it, so a redelivered signal sets the same entry again and a run removes
 * exactly the entries it bought for (a signal arriving meanwhile stays).
 */

export type DemandKind = 'reorder' | 'unmet' | 'shortfall';

export interface DemandEntry {
  kind: DemandKind;
  quantity: number;
}

/** What is stored of a SKU's open demand (`demand`, `_id` = skuId). */
export interface DemandState {
  _id: string;
  entries: Record<string, DemandEntry>;
  /** Every key ever entered: a signal seen before is not entered again after a run consumed it. */
  seen: Record<string, 1>;
}

/** A SKU's demand split by where it comes from, and what is left after what is on order. */
export interface DemandBreakdown {
  reorder: number;
  unmet: number;
  shortfall: number;
  onOrder: number;
  net: number;
}

const PREFIX: Record<DemandKind, string> = { reorder: 'r', unmet: 'u', shortfall: 's' };

/** The entry key of a signal: its kind and a hash of its cause (a field name: no dots, no dashes). */
export function demandKey(kind: DemandKind, ...cause: string[]): string {
  return PREFIX[kind] + derivedId(kind, ...cause).replace(/-/g, '');
}

/**
 * Demand = the reorder quantity (the largest signal not yet bought for: two
 * crossings before one run ask for one reorder) + unmet order demand (once
 * per order) + supplier shortfalls − what is already on order, never below 0.
 */
export function netDemand(entries: Record<string, DemandEntry>, onOrder: number): DemandBreakdown {
  let reorder = 0;
  let unmet = 0;
  let shortfall = 0;
  for (const e of Object.values(entries)) {
    if (e.kind === 'reorder') reorder = Math.max(reorder, e.quantity);
    else if (e.kind === 'unmet') unmet += e.quantity;
    else shortfall += e.quantity;
  }
  return { reorder, unmet, shortfall, onOrder, net: Math.max(0, reorder + unmet + shortfall - onOrder) };
}
