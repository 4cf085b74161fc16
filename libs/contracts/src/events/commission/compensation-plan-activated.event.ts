import { IsInt, Max, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { MAX_BASIS_POINTS } from '../../values/basis-points.value';
import { IsId, IsInstant, IsMarket, IsText } from '../../values/field.decorators';

/**
 * A version of a compensation plan passed the plan linter against its market's
 * compliance profile and becomes the plan for orders paid from `effectiveFrom`.
 * Lines always name the plan version they were computed with.
 */
@IntegrationEvent({
  type: 'CompensationPlanActivated',
  version: 1,
  topic: Topics.commissionPlans,
  summary: 'A compensation plan version was activated for a market from a date.',
})
export class CompensationPlanActivated {
  @IsId()
  planId: string;

  @IsInt()
  @Min(1)
  planVersion: number;

  @IsText(200)
  name: string;

  @IsMarket()
  market: string;

  /** The compliance profile the plan was linted against. */
  @IsId()
  complianceProfileId: string;

  /** Cap on total payout as a share of BV. */
  @IsInt()
  @Min(0)
  @Max(MAX_BASIS_POINTS)
  payoutCapBps: number;

  /** Deepest paid upline level. */
  @IsInt()
  @Min(0)
  @Max(1000)
  maxDepth: number;

  @IsInstant()
  effectiveFrom: string;

  /** Ops user who activated it. */
  @IsId()
  activatedBy: string;

  @IsInstant()
  activatedAt: string;
}
