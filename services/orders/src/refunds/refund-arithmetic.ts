import { applyRate } from '@netdirect/contracts';

/*
 * How much of an order goes back, to the minor unit. A line's units are
 * refunded by cumulative shares: after k of its q units, floor(total × k / q)
 * of the line total has gone back. So however a line is returned (one unit at
 * a time, or in any mix of parcels) its refunds add up to exactly its total,
 * and a unit never costs more than its share.
 */

/** One order line as the refund arithmetic sees it; amounts in minor units. */
export interface RefundableLine {
  lineId: string;
  skuId: string;
  quantity: number;
  lineTotal: number;
  bvPerUnit: number;
  /** Units of this line refunded (or being refunded) already. */
  refundedQuantity: number;
}

/** Units of one line to refund now. */
export interface RefundRequestLine {
  lineId: string;
  quantity: number;
}

export interface RefundLineAmount {
  lineId: string;
  skuId: string;
  quantity: number;
  amount: number;
  bv: number;
}

export interface RefundComputation {
  lines: RefundLineAmount[];
  /** Outbound shipping paid back (a full return within the withdrawal period). */
  shipping: number;
  /** Restocking fee kept (a return outside the withdrawal period), or the share a buy-back keeps. */
  fee: number;
  /** Σ lines + shipping − fee: what goes back to the buyer. */
  amount: number;
  refundedBv: number;
  /** True when, with this refund, every unit of the order has been refunded. */
  fullyRefunded: boolean;
}

/** The cumulative share of a line total after `units` of `quantity` units: floor(total × units / quantity). */
export function cumulativeShare(lineTotal: number, quantity: number, units: number): number {
  return Number((BigInt(lineTotal) * BigInt(units)) / BigInt(quantity));
}

/** What `units` more units of a line refund, given how many went back before. */
export function lineRefund(line: Pick<RefundableLine, 'lineTotal' | 'quantity' | 'refundedQuantity'>, units: number): number {
  return (
    cumulativeShare(line.lineTotal, line.quantity, line.refundedQuantity + units) -
    cumulativeShare(line.lineTotal, line.quantity, line.refundedQuantity)
  );
}

export interface RefundTerms {
  /** The order's outbound shipping; refunded on a return that leaves nothing of the order kept, within the withdrawal period. */
  shipping: number;
  /** True if shipping was refunded already (it goes back at most once). */
  shippingRefunded: boolean;
  withinWithdrawal: boolean;
  /** Fee kept on a return outside the withdrawal period, in basis points of the returned lines. */
  restockingFeeBps: number;
  /** For a buy-back: the share of the returned lines paid back, in basis points (the rest is the fee). */
  buyBackBps?: number;
}

/**
 * The refund of `request` against `lines`, or a list of what is wrong with the
 * request (each naming the line). Units already refunded cannot go back twice.
 */
export function computeRefund(lines: RefundableLine[], request: RefundRequestLine[], terms: RefundTerms): RefundComputation | string[] {
  const errors: string[] = [];
  const byId = new Map(lines.map((l) => [l.lineId, l]));
  const wanted = new Map<string, number>();
  request.forEach((r, i) => {
    const line = byId.get(r.lineId);
    if (!line) errors.push(`lines[${i}].lineId: the order has no line ${r.lineId}`);
    else if (!Number.isSafeInteger(r.quantity) || r.quantity < 1) errors.push(`lines[${i}].quantity: must be a positive integer`);
    else {
      const total = (wanted.get(r.lineId) ?? 0) + r.quantity;
      if (total > line.quantity - line.refundedQuantity)
        errors.push(`lines[${i}].quantity: only ${line.quantity - line.refundedQuantity} unit(s) of line ${r.lineId} can still be returned`);
      wanted.set(r.lineId, total);
    }
  });
  if (request.length === 0) errors.push('lines: name at least one line');
  if (errors.length) return errors;

  const out: RefundLineAmount[] = [];
  for (const line of lines) {
    const units = wanted.get(line.lineId);
    if (!units) continue;
    out.push({ lineId: line.lineId, skuId: line.skuId, quantity: units, amount: lineRefund(line, units), bv: units * line.bvPerUnit });
  }
  const linesAmount = out.reduce((s, l) => s + l.amount, 0);
  const fullyRefunded = lines.every((l) => l.refundedQuantity + (wanted.get(l.lineId) ?? 0) === l.quantity);
  let fee = 0;
  let shipping = 0;
  if (terms.buyBackBps !== undefined) {
    // The operator gets at least buyBackBps of the lines: the fee is rounded down.
    fee = applyRate(linesAmount, (10_000 - terms.buyBackBps));
  } else if (terms.withinWithdrawal) {
    if (fullyRefunded && !terms.shippingRefunded) shipping = terms.shipping;
  } else {
    fee = applyRate(linesAmount, terms.restockingFeeBps);
  }
  return {
    lines: out,
    shipping,
    fee,
    amount: linesAmount + shipping - fee,
    refundedBv: out.reduce((s, l) => s + l.bv, 0),
    fullyRefunded,
  };
}
