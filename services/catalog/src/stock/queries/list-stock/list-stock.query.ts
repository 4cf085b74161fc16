import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `GET /v1/stock?belowReorder=true&after=&limit=`: only the below-reorder listing exists (a full listing would scan). */
export class ListStockQuery {
  @ApiProperty({ enum: ['true'], description: 'Required: SKUs at or below their reorder point' })
  @IsIn(['true'])
  belowReorder: 'true';

  @ApiPropertyOptional({ minLength: 1, maxLength: 128, description: 'The `next` of the previous page' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
