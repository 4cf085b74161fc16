import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class GetRunQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100000, default: 0, description: 'Page of decisions (250 SKUs each)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(0)
  @Max(100_000)
  page?: number;
}
