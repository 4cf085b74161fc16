import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Matches, ValidateNested } from 'class-validator';
import { PERIOD_ID_PATTERN } from './activate-plan.request';
import { PlanRequest } from './plan.request';

export class SimulatePlanRequest {
  @ApiProperty({ pattern: PERIOD_ID_PATTERN, example: 'US-2026-10', description: 'A past (or the current) period of the plan’s market' })
  @IsString()
  @Matches(new RegExp(PERIOD_ID_PATTERN), { message: 'periodId must look like DE-2026-11' })
  periodId: string;

  @ApiProperty({ type: PlanRequest, description: 'The candidate plan (linted, never stored)' })
  @IsDefined()
  @ValidateNested()
  @Type(() => PlanRequest)
  plan: PlanRequest;
}
