import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export const PERIOD_ID_PATTERN = '^[A-Z]{2}-\\d{4}-(0[1-9]|1[0-2])$';

export class ActivatePlanRequest {
  @ApiProperty({ pattern: PERIOD_ID_PATTERN, example: 'US-2027-01', description: "First period (the plan's market, this month or later) the version applies to" })
  @IsString()
  @Matches(new RegExp(PERIOD_ID_PATTERN), { message: 'firstPeriodId must look like DE-2026-11' })
  firstPeriodId: string;
}
