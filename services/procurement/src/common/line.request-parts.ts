import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** A request line about one SKU; the line types of orders, receipts, invoices and credit notes extend it. */
export class SkuLineInput {
  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  skuId: string;
}

/** A SKU and a positive quantity of it (at most 1,000,000). */
export class SkuQuantityLineInput extends SkuLineInput {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}
