import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DimensionsRequest, MoneyRequest, ProductTextRequest, SkuRequest } from '../../product.request-parts';

/** A change to one existing SKU; prices given here are manual prices (they hold until the next cost change). */
export class SkuPatchRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'skuId must be a UUID' })
  skuId: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  weightGrams?: number;

  @ApiPropertyOptional({ type: DimensionsRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DimensionsRequest)
  dimensions?: DimensionsRequest;

  @ApiPropertyOptional({ type: MoneyRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyRequest)
  retailPrice?: MoneyRequest;

  @ApiPropertyOptional({ type: MoneyRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyRequest)
  memberPrice?: MoneyRequest;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  bv?: number;
}

/** Change a product: any field given is replaced; `skus` changes existing SKUs, `addSkus` adds drafts. */
export class UpdateProductRequest extends ProductTextRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An existing category (422 otherwise)' })
  @IsOptional()
  @IsUUID('all', { message: 'categoryId must be a UUID' })
  categoryId?: string;

  @ApiPropertyOptional({ type: SkuPatchRequest, isArray: true, minItems: 1, maxItems: 200 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SkuPatchRequest)
  skus?: SkuPatchRequest[];

  @ApiPropertyOptional({ type: SkuRequest, isArray: true, minItems: 1, maxItems: 200, description: 'New SKUs, added as drafts' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SkuRequest)
  addSkus?: SkuRequest[];
}
