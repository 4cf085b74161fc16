import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { MAX_BASIS_POINTS } from '../../values/basis-points.value';
import { IsId, IsInstant, IsMarket, IsText } from '../../values/field.decorators';

/**
 * A version of a compensation plan passed the plan linter against its market's
 * compliance profile and becomes the plan of its market from a first period
 * (a calendar month, UTC): orders paid from `effectiveFrom`, the start of that
 * period. Lines always name the plan version they were computed with.
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

  /** Cap on unilevel overrides (not the retail margin) as a share of the period's total base (BV in money). */
  @IsInt()
  @Min(0)
  @Max(MAX_BASIS_POINTS)
  payoutCapBps: number;

  /** Deepest paid override level (the number of override levels; 0 = none). */
  @IsInt()
  @Min(0)
  @Max(1000)
  maxDepth: number;

  /** Start of the first period (`firstPeriodId`) the version applies to. */
  @IsInstant()
  effectiveFrom: string;

  /** Added in v1: the first period it applies to, `<market>-<YYYY-MM>`, e.g. `DE-2026-11`. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}-\d{4}-(0[1-9]|1[0-2])$/)
  firstPeriodId?: string;

  /** Added in v1: the override rate of each level in basis points, level 1 first. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_BASIS_POINTS, { each: true })
  overrideRatesBps?: number[];

  /** Ops user who activated it. */
  @IsId()
  activatedBy: string;

  @IsInstant()
  activatedAt: string;
}
