import { ApiProperty } from '@nestjs/swagger';
import { PlanRequest } from './plan.request';
import type { LintReason } from './plan-linter';
import type { PlanVersion } from './plan';
import type { PlanVersionState } from './plan-version.schema';

/** A stored plan version (or the built-in default, version 1 of `default-<market>`). */
export class PlanVersionView extends PlanRequest {
  @ApiProperty({ type: 'integer', minimum: 1 }) version: number;
  @ApiProperty({ nullable: true, type: String, example: 'US-2027-01', description: 'First period it applies to; null while only stored' })
  firstPeriodId: string | null;
  @ApiProperty({ description: 'Who stored it (`system` for the default plan)' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) activatedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) activatedAt: string | null;
}

export function toPlanVersionView(plan: PlanVersion, state?: PlanVersionState): PlanVersionView {
  return {
    ...plan,
    retailMargin: { enabled: plan.retailMargin.enabled, maxShareOfSaleBps: plan.retailMargin.maxShareOfSaleBps ?? null },
    activatedBy: state?.activatedBy ?? null,
    activatedAt: state?.activatedAt ? new Date(state.activatedAt).toISOString() : null,
  };
}

export class LintReasonView implements LintReason {
  @ApiProperty({ example: 'qualification.minRetailShareBps' }) field: string;
  @ApiProperty({ description: 'Why, with the rule and its source' }) reason: string;
  @ApiProperty({ example: 'us-ftc/consumer-share', description: 'Profile rule id, or plan/<check> for the plan’s own consistency' }) rule: string;
  @ApiProperty({ example: 'FTC-HERBALIFE §II; FTC-MLM', description: 'Source of the rule (documented in compliance-profiles.ts)' }) source: string;
}

export class LintView {
  @ApiProperty({ description: 'True when the linter accepts the plan' }) ok: boolean;
  @ApiProperty({ example: 'us-ftc', description: 'The profile of the plan’s market' }) profile: string;
  @ApiProperty({ type: LintReasonView, isArray: true }) reasons: LintReasonView[];
}
