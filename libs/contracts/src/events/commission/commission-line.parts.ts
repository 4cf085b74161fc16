import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_BASIS_POINTS } from '../../values/basis-points.value';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsMoney, IsNestedArray, IsText } from '../../values/field.decorators';

/**
 * What a ledger entry of a commission line is (added in v1): the estimate
 * accrued when the order was paid, an adjustment a period close wrote (the
 * difference between the final line and what the ledger held), a clawback
 * after a refund, a re-credit of a payment the bank returned, or (added in
 * v1) the forfeiture of a terminated member's held balance by an ops
 * decision (a negative entry equal to the balance it forfeits).
 */
export const COMMISSION_ENTRY_KINDS = ['estimate', 'adjustment', 'clawback', 'payment-returned', 'held-balance-forfeited'] as const;
export type CommissionEntryKind = (typeof COMMISSION_ENTRY_KINDS)[number];

/** An upline member passed over by dynamic compression, and why (e.g. `not qualified: PV 49.99 < 50.00`). */
export class CommissionSkippedMember {
  @IsId()
  memberId: string;

  @IsText(500)
  reason: string;
}

/**
 * The fields every commission ledger event carries about its line, so any one
 * event can explain itself: which order, which plan version and rule, and the
 * arithmetic (`amount = applyRate(bv-based base, rateBps)`, see `explanation`).
 *
 * Not an event itself; CommissionAccrued, CommissionReleased and
 * CommissionClawedBack extend it.
 */
export class CommissionLineFields {
  /** The member (position) the line is paid to; the Kafka key. */
  @IsId()
  beneficiaryId: string;

  /** Ledger line id, derived from (order, order line, beneficiary, rule), so it is stable across replays. */
  @IsId()
  lineId: string;

  @IsId()
  orderId: string;

  /** The order line (`OrderLine.lineId`) the commission line is computed on (added in v1). */
  @IsOptional()
  @IsId()
  orderLineId?: string;

  /** The commission period (`<market>-<YYYY-MM>`) the entry is booked in (added in v1). */
  @IsOptional()
  @IsId()
  periodId?: string;

  /** Id of this ledger entry; an estimate's is the line id (added in v1). */
  @IsOptional()
  @IsId()
  entryId?: string;

  /** What the entry is (added in v1; absent means `estimate` on CommissionAccrued). */
  @IsOptional()
  @IsIn(COMMISSION_ENTRY_KINDS)
  entryKind?: CommissionEntryKind;

  /** The buyer whose purchase generated the volume. */
  @IsId()
  sourceMemberId: string;

  @IsId()
  planId: string;

  @IsInt()
  @Min(1)
  planVersion: number;

  /** Id of the plan rule that produced the line, e.g. `retail-margin`, `unilevel-override`. */
  @IsId()
  rule: string;

  /** Upline level of the beneficiary above the order's anchor (seller, or an operator buying for itself) after compression (0 for retail margin). */
  @IsInt()
  @Min(0)
  @Max(1000)
  level: number;

  /** Upline members compression passed over for this line, and why (added in v1). */
  @IsOptional()
  @IsNestedArray(() => CommissionSkippedMember, { min: 0, max: 1000 })
  skippedMembers?: CommissionSkippedMember[];

  /** What a rank limit or the payout cap kept back from this line (added in v1; absent means none). */
  @IsOptional()
  @IsMoney()
  breakage?: Money;

  /** Why there is breakage (added in v1). */
  @IsOptional()
  @IsText(500)
  breakageReason?: string | null;

  /** Business volume the rate was applied to. */
  @IsCount()
  bv: number;

  @IsInt()
  @Min(0)
  @Max(MAX_BASIS_POINTS)
  rateBps: number;

  /** Positive for accruals and releases, negative for clawbacks. */
  @IsMoney()
  amount: Money;

  /** One sentence a member can read on their statement, with the arithmetic. */
  @IsText(1000)
  explanation: string;
}
