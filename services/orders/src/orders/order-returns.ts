import type { PricedLine } from './pricing';

/*
 * Which units of an order can still go back, and which units of a return
 * parcel are refunded. Pure, so the order aggregate and its unit tests share
 * one reading of "returnable".
 */

/** Units of one order line in a return. */
export interface OrderReturnLine {
  lineId: string;
  skuId: string;
  quantity: number;
}

/** Units of one line that came back in a return parcel, as logistics inspected them. */
export interface ReceivedReturnLine {
  lineId: string;
  skuId: string;
  /** Units that arrived (at most the units asked for). */
  quantity: number;
  /** Of those, units that can be sold again. */
  resellable: number;
  /** Units refunded: all that arrived for a return, the resellable ones for a buy-back. */
  refunded: number;
}

/**
 * A buyer's return or an operator's buy-back: requested (the parcel is on
 * its way), received (its refund is with the provider), settled (the refund
 * confirmed, or nothing to refund). An order with a return not settled does
 * not complete.
 */
export interface OrderReturn {
  returnId: string;
  buyBack: boolean;
  lines: OrderReturnLine[];
  reason: string;
  by: string;
  requestedAt: Date;
  /** Requested within the market's withdrawal period after delivery: no restocking fee, shipping back on a full return. */
  withinWithdrawal: boolean;
  status: 'requested' | 'received' | 'settled';
  receivedAt?: Date;
  received?: ReceivedReturnLine[];
  refundId?: string;
  settledAt?: Date;
}

/** The units a refund covered, per line (a refund of the whole order covers every unit). */
interface RefundedUnits {
  lines: { lineId: string; quantity: number }[];
}

/**
 * Units of each line no longer returnable: refunded already, in a return not
 * yet received, or received and kept without refund (a buy-back's units that
 * cannot be sold again). Units asked for but not in the parcel are free again.
 */
export function unitsTaken(refunds: RefundedUnits[], returns: OrderReturn[]): Map<string, number> {
  const taken = new Map<string, number>();
  const add = (lineId: string, n: number) => taken.set(lineId, (taken.get(lineId) ?? 0) + n);
  for (const r of refunds) for (const l of r.lines) add(l.lineId, l.quantity);
  for (const r of returns) {
    if (r.status === 'requested') for (const l of r.lines) add(l.lineId, l.quantity);
    else for (const l of r.received ?? []) add(l.lineId, l.quantity - l.refunded);
  }
  return taken;
}

/** Units refunded per line so far (whatever the refund's status: a unit is refunded once). */
export function unitsRefunded(refunds: RefundedUnits[]): Map<string, number> {
  const done = new Map<string, number>();
  for (const r of refunds) for (const l of r.lines) done.set(l.lineId, (done.get(l.lineId) ?? 0) + l.quantity);
  return done;
}

/**
 * Match what logistics reports per SKU (a SKU may come twice: some units
 * resellable, some not) to the return's lines, resellable units first, never
 * more than a line asked for. Units the return did not ask for are ignored.
 */
export function allocateReceived(
  ret: Pick<OrderReturn, 'lines' | 'buyBack'>,
  parcel: { skuId: string; quantity: number; resellable: boolean }[],
): ReceivedReturnLine[] {
  const good = new Map<string, number>();
  const bad = new Map<string, number>();
  for (const p of parcel) {
    const into = p.resellable ? good : bad;
    into.set(p.skuId, (into.get(p.skuId) ?? 0) + p.quantity);
  }
  return ret.lines.map((l) => {
    const resellable = Math.min(l.quantity, good.get(l.skuId) ?? 0);
    good.set(l.skuId, (good.get(l.skuId) ?? 0) - resellable);
    const damaged = Math.min(l.quantity - resellable, bad.get(l.skuId) ?? 0);
    bad.set(l.skuId, (bad.get(l.skuId) ?? 0) - damaged);
    const quantity = resellable + damaged;
    return { lineId: l.lineId, skuId: l.skuId, quantity, resellable, refunded: ret.buyBack ? resellable : quantity };
  });
}

/** The order's lines with the units refunded so far, as the refund arithmetic takes them. */
export function refundableLines(lines: PricedLine[], refunded: Map<string, number>) {
  return lines.map((l) => ({
    lineId: l.lineId,
    skuId: l.skuId,
    quantity: l.quantity,
    lineTotal: l.lineTotal,
    bvPerUnit: l.bvPerUnit,
    refundedQuantity: refunded.get(l.lineId) ?? 0,
  }));
}
