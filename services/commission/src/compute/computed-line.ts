import { commissionLineId } from './line-id';
import type { ComputedLine, PeriodOrderLine, SkippedMember } from './model';

/** A computed line of an order line, its id derived from (order, order line, beneficiary, rule). */
export function lineOf(
  src: Pick<PeriodOrderLine, 'orderId' | 'orderLineId' | 'bv'>,
  beneficiaryId: string,
  rule: ComputedLine['rule'],
  level: number,
  baseMinor: number,
  rateBps: number,
  uncappedMinor: number,
  amountMinor: number,
  skipped: SkippedMember[],
  breakageReason: string | null,
  lineId = commissionLineId(src.orderId, src.orderLineId, beneficiaryId, rule),
): ComputedLine {
  return {
    lineId,
    orderId: src.orderId,
    orderLineId: src.orderLineId,
    beneficiaryId,
    rule,
    level,
    bv: src.bv,
    baseMinor,
    rateBps,
    uncappedMinor,
    amountMinor,
    breakageMinor: uncappedMinor - amountMinor,
    breakageReason,
    skipped,
  };
}
