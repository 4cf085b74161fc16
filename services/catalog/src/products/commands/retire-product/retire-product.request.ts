import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Retire some SKUs (`skuIds`) or, without them, the whole product. */
export class RetireProductRequest {
  @ApiPropertyOptional({ type: 'array', minItems: 1, maxItems: 200, items: { type: 'string', format: 'uuid' } })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'skuIds must be UUIDs' })
  skuIds?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, example: 'Replaced by the refill edition' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
