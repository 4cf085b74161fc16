import { IsInt, Max, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { MAX_BASIS_POINTS } from '../../values/basis-points.value';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsInstant, IsMarket, IsMoney } from '../../values/field.decorators';

/**
 * Ops closed a commission period: ranks were qualified, compression applied and
 * releasable lines put on statements. The period's figures feed the income
 * disclosure; a PayoutBatchIssued follows.
 */
@IntegrationEvent({
  type: 'CommissionPeriodClosed',
  version: 1,
  topic: Topics.commissionPeriods,
  summary: 'A commission period was closed, with its volume, payout and payout ratio.',
})
export class CommissionPeriodClosed {
  @IsId()
  periodId: string;

  @IsMarket()
  market: string;

  /** Inclusive start of the period. */
  @IsInstant()
  startsAt: string;

  /** Exclusive end of the period. */
  @IsInstant()
  endsAt: string;

  @IsCount()
  totalBv: number;

  /** Σ of the statements (after clawbacks and carried debts). */
  @IsMoney()
  totalPayout: Money;

  /** Payout as a share of BV value, for the cap check and the disclosure. */
  @IsInt()
  @Min(0)
  @Max(MAX_BASIS_POINTS)
  payoutRatioBps: number;

  @IsCount()
  statementCount: number;

  /** Ops user who closed it. */
  @IsId()
  closedBy: string;

  @IsInstant()
  closedAt: string;
}
