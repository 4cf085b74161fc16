import { BuyOption, RejectedOption, RejectionReason } from './buy-choice';
import { Decision } from './run-plan';

/*
 * How a decision is stored in a run's chunk. A run over 10,000 SKUs with 20
 * offers each keeps 190,000 rejected alternatives: as objects, every one
 * would repeat its six field names, which is most of the bytes the store
 * writes and reads back. A rejected alternative is a tuple instead.
 */

/** supplierId, priceListId, reason, quantity, total, leadTimeDays. */
export type PackedRejection = [string, string, RejectionReason, number | null, number | null, number];

export type PackedDecision = Omit<Decision, 'rejected'> & { rejected: PackedRejection[] };

export function packDecision(d: Decision): PackedDecision {
  return { ...d, rejected: d.rejected.map((r) => [r.supplierId, r.priceListId, r.reason, r.quantity, r.total, r.leadTimeDays]) };
}

export function unpackDecision(d: PackedDecision): Decision {
  const rejected: RejectedOption[] = d.rejected.map(([supplierId, priceListId, reason, quantity, total, leadTimeDays]) => ({
    supplierId,
    priceListId,
    reason,
    quantity,
    total,
    leadTimeDays,
  }));
  return { ...d, chosen: d.chosen as BuyOption | null, rejected };
}
