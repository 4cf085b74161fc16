import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class PayablesQuery {
  @ApiPropertyOptional({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', example: '2026-04-30', description: 'Due on or before this day (UTC, inclusive); all when absent' })
  @IsOptional()
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, { message: 'until must be a date such as 2026-04-30' })
  until?: string;
}

/** The end of the `until` day, or undefined. */
export const endOfDay = (until: string | undefined) => (until ? new Date(`${until}T23:59:59.999Z`) : undefined);
