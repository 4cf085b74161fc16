import { SkuCostChanged } from '@netdirect/contracts';
import { Change, derivedId, domainEvent } from '@netdirect/runtime';

/** The landed unit cost of a SKU as of its last receipt (`sku_costs`, `_id` = skuId). */
export interface SkuCostState {
  _id: string;
  unitCost: number | null;
  currency: string;
  /** The receipts already applied (the latest 200): a redelivered receipt changes nothing. */
  applied: string[];
  seq: number;
}

export const APPLIED_LIMIT = 200;

/**
 * A receipt's landed cost becomes the SKU's; SkuCostChanged when it differs
 * from the previous one (also for the first receipt, with no previous
 * cost). Null when this receipt was applied already.
 */
export function receiveCost(
  s: SkuCostState,
  r: { supplierId: string; purchaseOrderId: string; receiptId: string; landedUnitCost: number },
  at: Date,
): Change<SkuCostState> | null {
  if (s.applied.includes(r.receiptId)) return null;
  const changed = s.unitCost !== r.landedUnitCost;
  const data: SkuCostChanged = {
    skuId: s._id,
    supplierId: r.supplierId,
    previousUnitCost: s.unitCost === null ? null : { amount: s.unitCost, currency: s.currency },
    newUnitCost: { amount: r.landedUnitCost, currency: s.currency },
    purchaseOrderId: r.purchaseOrderId,
    receiptId: r.receiptId,
    changedAt: at.toISOString(),
  };
  return {
    id: s._id,
    expectedSeq: s.seq,
    set: { unitCost: r.landedUnitCost, applied: [...s.applied, r.receiptId].slice(-APPLIED_LIMIT) },
    events: changed ? [domainEvent(SkuCostChanged, data, at, derivedId('SkuCostChanged', r.receiptId, s._id))] : [],
  };
}
