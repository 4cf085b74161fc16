import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ProductTextRequest, SkuRequest } from '../../product.request-parts';

/** A new product: a draft with 1–200 draft SKUs, priced by ops. */
export class CreateProductRequest extends ProductTextRequest {
  @ApiProperty({ example: 'Herbal Shampoo', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'An existing category (422 otherwise)' })
  @IsUUID('all', { message: 'categoryId must be a UUID' })
  categoryId: string;

  @ApiProperty({ type: SkuRequest, isArray: true, minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SkuRequest)
  skus: SkuRequest[];
}
