import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A SKU id as the catalog's events carry it (1–128 characters). */
export class SkuIdParam {
  @ApiProperty({ minLength: 1, maxLength: 128, example: 'sku_shampoo_500' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  skuId: string;
}
