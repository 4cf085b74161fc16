import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ProductTextRequest, SkuRequest } from '../../product.request-parts';

/**
 * A change to one existing SKU: any field of a SKU, each optional (the same
 * rules as on creation); prices given here are manual prices (they hold until
 * the next cost change).
 */
export class SkuPatchRequest extends PartialType(SkuRequest) {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'skuId must be a UUID' })
  skuId: string;
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
