import { derivedId } from '@netdirect/runtime';
import { DemandBreakdown, DemandEntry, netDemand } from '../demand/demand';
import { BuyOption, chooseBuy, Offer, RejectedOption } from './buy-choice';

/*
 * A procurement run's plan: per SKU with demand, the decision and the
 * alternatives it rejected; per supplier, the purchase order it makes. Plain
 * code over what the run read once (demand, offers, catalog, on order).
 */

export type DecisionOutcome = 'buy' | 'covered' | 'no-offer' | 'not-in-catalog';

/** What a run decided for one SKU, and why. */
export interface Decision {
  skuId: string;
  outcome: DecisionOutcome;
  demand: DemandBreakdown;
  chosen: BuyOption | null;
  /** No supplier's lead time met the need date; the chosen one is late. */
  late: boolean;
  rejected: RejectedOption[];
  /** The demand entries this decision answers (bought or covered by what is on order); a run removes them once its orders are issued. */
  consumed: string[];
}

/** One line of a planned purchase order. */
export interface PlannedLine {
  skuId: string;
  quantity: number;
  unitCost: number;
  firstTierUnitCost: number;
  leadTimeDays: number;
}

/** A purchase order a run will issue; its id is derived from the run, so a resumed run issues the same one. */
export interface PlannedOrder {
  purchaseOrderId: string;
  supplierId: string;
  priceListId: string;
  lines: PlannedLine[];
  total: number;
  /** Longest lead time of its lines, in days. */
  leadTimeDays: number;
}

/** The contracts allow this many lines on one purchase order; a supplier with more gets several. */
export const MAX_ORDER_LINES = 1000;

export interface PlanInput {
  needWithinDays: number;
  /** Open demand per SKU. */
  demand: Map<string, Record<string, DemandEntry>>;
  /** Current offers per SKU (current lists of active suppliers only). */
  offers: Map<string, Offer[]>;
  /** SKUs the catalog publishes and has not retired. */
  buyable: Set<string>;
  /** Units ordered and not yet received, per SKU. */
  onOrder: Map<string, number>;
}

/** Decide every SKU with demand, in SKU order. */
export function decide(input: PlanInput): Decision[] {
  const out: Decision[] = [];
  for (const skuId of [...input.demand.keys()].sort()) {
    const d = decideSku(skuId, input.demand.get(skuId)!, input.offers.get(skuId) ?? [], input);
    if (d) out.push(d);
  }
  return out;
}

/** Decide one SKU (null when it has no demand entries): a run calls it per SKU as it streams the offers, so it never holds them all. */
export function decideSku(
  skuId: string,
  entries: Record<string, DemandEntry>,
  offers: Offer[],
  ctx: Pick<PlanInput, 'needWithinDays' | 'buyable' | 'onOrder'>,
): Decision | null {
  const keys = Object.keys(entries);
  if (keys.length === 0) return null;
  const demand = netDemand(entries, ctx.onOrder.get(skuId) ?? 0);
  const base = { skuId, demand, chosen: null, late: false, rejected: [] as RejectedOption[] };
  if (!ctx.buyable.has(skuId)) return { ...base, outcome: 'not-in-catalog', consumed: [] };
  if (demand.net === 0) return { ...base, outcome: 'covered', consumed: keys };
  const d = chooseBuy({ quantity: demand.net, needWithinDays: ctx.needWithinDays }, offers);
  if (!d.chosen) return { ...base, outcome: 'no-offer', rejected: d.rejected, consumed: [] };
  return { ...base, outcome: 'buy', chosen: d.chosen, late: d.late, rejected: d.rejected, consumed: keys };
}

/** Group the bought decisions by supplier (and price list) into purchase orders with ids derived from the run. */
export function ordersOf(runId: string, decisions: readonly Decision[]): PlannedOrder[] {
  const bySupplier = new Map<string, { priceListId: string; lines: PlannedLine[] }>();
  for (const d of decisions) {
    if (d.outcome !== 'buy' || !d.chosen) continue;
    const c = d.chosen;
    const key = `${c.supplierId}\u0000${c.priceListId}`;
    const group = bySupplier.get(key) ?? { priceListId: c.priceListId, lines: [] };
    group.lines.push({ skuId: d.skuId, quantity: c.quantity, unitCost: c.unitCost, firstTierUnitCost: c.firstTierUnitCost, leadTimeDays: c.leadTimeDays });
    bySupplier.set(key, group);
  }
  const orders: PlannedOrder[] = [];
  for (const [key, group] of [...bySupplier].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const supplierId = key.split('\u0000')[0];
    for (let part = 0; part * MAX_ORDER_LINES < group.lines.length; part++) {
      const lines = group.lines.slice(part * MAX_ORDER_LINES, (part + 1) * MAX_ORDER_LINES);
      orders.push({
        purchaseOrderId: derivedId('purchase-order', runId, supplierId, group.priceListId, String(part)),
        supplierId,
        priceListId: group.priceListId,
        lines,
        total: lines.reduce((t, l) => t + l.quantity * l.unitCost, 0),
        leadTimeDays: Math.max(...lines.map((l) => l.leadTimeDays)),
      });
    }
  }
  return orders;
}
