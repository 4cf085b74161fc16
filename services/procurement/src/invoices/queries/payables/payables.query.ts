import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DATE_PATTERN, IsCalendarDate } from '@netdirect/runtime';

export class PayablesQuery {
  @ApiPropertyOptional({ format: 'date', pattern: DATE_PATTERN, example: '2026-04-30', description: 'Due on or before this day (UTC, inclusive); all when absent' })
  @IsOptional()
  @IsCalendarDate()
  until?: string;
}

/** The end of the `until` day, or undefined. */
export function endOfDay(until: string | undefined): Date | undefined {
  if (!until) return undefined;
  const d = new Date(`2000-01-01T23:59:59.999Z`);
  d.setUTCFullYear(Number(until.slice(0, 4)), Number(until.slice(5, 7)) - 1, Number(until.slice(8, 10)));
  return d;
}
