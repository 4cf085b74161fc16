import { IsInt, Max, Min } from 'class-validator';
import { MAX_BASIS_POINTS } from '../../values/basis-points.value';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsMoney, IsText } from '../../values/field.decorators';

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

  /** Ledger line id, derived from (order, beneficiary, rule), so it is stable across replays. */
  @IsId()
  lineId: string;

  @IsId()
  orderId: string;

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

  /** Upline level of the beneficiary above the buyer after compression (0 for retail margin). */
  @IsInt()
  @Min(0)
  @Max(1000)
  level: number;

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
