import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ORDER_STATUSES, OrderStatus } from '../../order';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class ListOrdersQuery {
  @ApiProperty({ minLength: 1, maxLength: 128, pattern: '^[^|]+$', description: 'The buyer; a member may name only itself (403 otherwise)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @Matches(/^[^|]+$/, { message: 'buyerId must not contain |' })
  buyerId: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ pattern: '^[1-9][0-9]{0,9}$', description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[1-9][0-9]{0,9}$/, { message: 'cursor must be a cursor this service returned' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ListSoldOrdersQuery {
  @ApiProperty({ minLength: 1, maxLength: 128, pattern: '^[^|]+$', description: 'The seller (referring operator); a member may name only itself (403 otherwise)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @Matches(/^[^|]+$/, { message: 'sellerId must not contain |' })
  sellerId: string;

  @ApiPropertyOptional({ pattern: '^[1-9][0-9]{0,9}$', description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[1-9][0-9]{0,9}$/, { message: 'cursor must be a cursor this service returned' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
