import { ApiProperty } from '@nestjs/swagger';
import type { PlanComparison, PlanOutcome } from './simulation';

export class RankPayoutView {
  @ApiProperty({ example: 'bronze', description: 'A rank id of the plan, or `none`' }) rank: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Members holding it (for `none`: paid members holding no rank)' }) members: number;
  @ApiProperty({ type: 'integer', description: 'Paid to them, minor units' }) payoutMinor: number;
}

export class PlanOutcomeView implements PlanOutcome {
  @ApiProperty() planId: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: '0 for the candidate (not stored)' }) planVersion: number;
  @ApiProperty({ type: 'integer', description: 'Retail margin plus overrides, minor units' }) totalPayoutMinor: number;
  @ApiProperty({ type: 'integer' }) retailMarginMinor: number;
  @ApiProperty({ type: 'integer' }) overridesMinor: number;
  @ApiProperty({ type: 'integer', description: 'Not paid: rank limits, the cap, the cn margin cap' }) breakageMinor: number;
  @ApiProperty({ type: 'integer', description: "Total payout as a share of the period's base (BV in money), bp" }) payoutShareOfBaseBps: number;
  @ApiProperty({ type: RankPayoutView, isArray: true }) byRank: RankPayoutView[];
}

export class PlanComparisonView implements PlanComparison {
  @ApiProperty({ example: 'US-2026-10' }) periodId: string;
  @ApiProperty({ type: 'integer', description: "The period's total base (its BV in money), minor units" }) baseMinor: number;
  @ApiProperty({ type: PlanOutcomeView, description: 'The plan the period is computed with' }) active: PlanOutcomeView;
  @ApiProperty({ type: PlanOutcomeView }) candidate: PlanOutcomeView;
  @ApiProperty({ type: 'integer', description: 'candidate − active total payout' }) differenceMinor: number;
}
