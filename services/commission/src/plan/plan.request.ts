import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMPLIANCE_PROFILE_IDS, ComplianceProfileId, PAYOUT_FREQUENCIES, PayoutFrequency, REWARD_SOURCES, RewardSource } from './plan';

/*
 * The plan as an author submits it (PUT /v1/plans, POST /v1/plans/lint,
 * POST /v1/plans/simulate): shapes and ranges here (400 naming the field);
 * the compliance profile and the plan's consistency in the linter (422 listing
 * every reason).
 */

export const PLAN_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';
const RANK_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$';
const MAX_LEVELS = 20;
const MAX_GV = 1_000_000_000_000;

export class RetailMarginRequest {
  @ApiProperty({ description: 'Whether the seller of a retail-priced line earns quantity × (retail − member unit price)' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ required: false, nullable: true, type: 'integer', minimum: 0, maximum: 10000, description: "Cap on a line's margin as a share of its sale, bp (cn: at most 3000)" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  maxShareOfSaleBps?: number | null;
}

export class QualificationRequest {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_GV, example: 5000, description: 'Minimum PV in hundredths of a point (5000 = 50 points; exactly the minimum qualifies)' })
  @IsInt()
  @Min(0)
  @Max(MAX_GV)
  minPv: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10000, example: 5000, description: 'Minimum share of GV from retail orders, bp' })
  @IsInt()
  @Min(0)
  @Max(10000)
  minRetailShareBps: number;
}

export class RankRequest {
  @ApiProperty({ pattern: RANK_ID_PATTERN, example: 'bronze' })
  @IsString()
  @Matches(new RegExp(RANK_ID_PATTERN), { message: 'id must be 1–32 lower-case letters, digits or dashes' })
  id: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Bronze' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_GV, description: 'Minimum GV in hundredths of a point' })
  @IsInt()
  @Min(0)
  @Max(MAX_GV)
  minGv: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Legs (subtrees of direct children) that must hold legRankId or higher' })
  @IsInt()
  @Min(0)
  @Max(100)
  minLegs: number;

  @ApiProperty({ required: false, nullable: true, type: String, pattern: RANK_ID_PATTERN, description: 'A lower rank the legs must hold' })
  @IsOptional()
  @IsString()
  @Matches(new RegExp(RANK_ID_PATTERN), { message: 'legRankId must be a rank id' })
  legRankId?: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_LEVELS, description: 'Deepest override level the rank is paid for' })
  @IsInt()
  @Min(0)
  @Max(MAX_LEVELS)
  maxLevel: number;
}

export class PayoutRulesRequest {
  @ApiProperty({ enum: PAYOUT_FREQUENCIES })
  @IsIn(PAYOUT_FREQUENCIES)
  frequency: PayoutFrequency;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 365, description: 'Days after completion before a line is released (eu: at least 14)' })
  @IsInt()
  @Min(0)
  @Max(365)
  withdrawalDays: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 365, description: 'Return period in days (cn: at least 30)' })
  @IsInt()
  @Min(0)
  @Max(365)
  returnDays: number;
}

export class PlanRequest {
  @ApiProperty({ pattern: PLAN_ID_PATTERN, example: 'unilevel-us', description: 'Stable id of the plan across its versions' })
  @IsString()
  @Matches(new RegExp(PLAN_ID_PATTERN), { message: 'planId must be 1–64 lower-case letters, digits or dashes' })
  planId: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Unilevel US 2027' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'US', description: 'ISO 3166-1 alpha-2 market' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code such as DE' })
  market: string;

  @ApiProperty({ enum: COMPLIANCE_PROFILE_IDS, description: "The market's compliance profile" })
  @IsIn(COMPLIANCE_PROFILE_IDS)
  complianceProfileId: ComplianceProfileId;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 100, description: 'Minor units one point (BV 100) is worth' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  pointValueMinor: number;

  @ApiProperty({ enum: REWARD_SOURCES, isArray: true, minItems: 1, maxItems: 4, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(REWARD_SOURCES, { each: true })
  rewardSources: RewardSource[];

  @ApiProperty({ type: RetailMarginRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => RetailMarginRequest)
  retailMargin: RetailMarginRequest;

  @ApiProperty({ type: QualificationRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => QualificationRequest)
  qualification: QualificationRequest;

  @ApiProperty({ type: 'integer', isArray: true, maxItems: MAX_LEVELS, minimum: 0, maximum: 10000, example: [1000, 500, 300, 200, 200], description: 'Override rate of each level in bp, level 1 first' })
  @IsArray()
  @ArrayMaxSize(MAX_LEVELS)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(10000, { each: true })
  overrideRatesBps: number[];

  @ApiProperty({ type: RankRequest, isArray: true, minItems: 1, maxItems: 20, description: 'Lowest first; each rank needs the one below' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RankRequest)
  ranks: RankRequest[];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10000, example: 2500, description: "Cap on overrides as a share of the period's total base, bp" })
  @IsInt()
  @Min(0)
  @Max(10000)
  payoutCapBps: number;

  @ApiProperty({ type: PayoutRulesRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => PayoutRulesRequest)
  payout: PayoutRulesRequest;
}
