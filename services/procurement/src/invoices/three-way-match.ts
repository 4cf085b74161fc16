/*
 * The three-way match of a supplier invoice against its purchase order and
 * the goods received for it. Plain code over amounts in minor units.
 *
 * Per SKU, the invoice may bill at most the units received at the ordered
 * unit cost, plus a tolerance; credit notes reduce what it bills. So a
 * credit note for the units not received, or for the price difference,
 * resolves a mismatch, and so does a correction of the invoice's lines.
 */

export interface MatchOrderLine {
  skuId: string;
  unitCost: number;
  receivedQuantity: number;
}

export interface InvoiceLine {
  skuId: string;
  quantity: number;
  unitCost: number;
}

export interface CreditLine {
  skuId: string;
  amount: number;
}

export interface Mismatch {
  skuId: string;
  invoiced: number;
  allowed: number;
  reason: string;
}

export interface MatchResult {
  /** What the invoice bills in all, net of credit notes: the amount payable once matched. */
  payable: number;
  mismatches: Mismatch[];
}

export function threeWayMatch(order: readonly MatchOrderLine[], lines: readonly InvoiceLine[], credits: readonly CreditLine[], toleranceBps: number): MatchResult {
  const billed = new Map<string, { amount: number; quantity: number; unitCost: number }>();
  for (const l of lines) {
    const cur = billed.get(l.skuId) ?? { amount: 0, quantity: 0, unitCost: l.unitCost };
    billed.set(l.skuId, { amount: cur.amount + l.quantity * l.unitCost, quantity: cur.quantity + l.quantity, unitCost: Math.max(cur.unitCost, l.unitCost) });
  }
  for (const c of credits) {
    const cur = billed.get(c.skuId) ?? { amount: 0, quantity: 0, unitCost: 0 };
    billed.set(c.skuId, { ...cur, amount: cur.amount - c.amount });
  }
  const mismatches: Mismatch[] = [];
  let payable = 0;
  for (const [skuId, b] of [...billed].sort(([x], [y]) => (x < y ? -1 : 1))) {
    payable += b.amount;
    const ordered = order.find((o) => o.skuId === skuId);
    const expected = ordered ? ordered.receivedQuantity * ordered.unitCost : 0;
    const allowed = expected + Math.floor((expected * toleranceBps) / 10_000);
    if (b.amount <= allowed) continue;
    const why: string[] = [];
    if (!ordered) why.push('not on the purchase order');
    else {
      if (b.quantity > ordered.receivedQuantity) why.push(`invoiced ${b.quantity} units, ${ordered.receivedQuantity} received`);
      if (b.unitCost > ordered.unitCost) why.push(`unit cost ${b.unitCost} above the ordered ${ordered.unitCost}`);
      if (why.length === 0) why.push(`billed ${b.amount}, at most ${allowed} for what was received`);
    }
    mismatches.push({ skuId, invoiced: b.amount, allowed, reason: why.join('; ') });
  }
  return { payable, mismatches };
}
