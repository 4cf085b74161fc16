import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyInput } from '../../../common/money';
import { IsUtcDateTime, UTC_DATE_TIME_PATTERN } from '@netdirect/runtime';

export class PriceTierInput {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 1000, description: 'From this many units on' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minQuantity: number;

  @ApiProperty({ type: MoneyInput, description: 'Per unit; may not rise with quantity (422)' })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyInput)
  unitCost: MoneyInput;
}

export class PriceListItemInput {
  @ApiProperty({ minLength: 1, maxLength: 128, example: 'sku_shampoo_500', description: 'The catalog SKU id (the catalog may not publish it yet)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  skuId: string;

  @ApiPropertyOptional({ type: String, maxLength: 128, nullable: true, description: "The supplier's own article number" })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  supplierSku?: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 365, example: 5, description: 'Days from order to arrival' })
  @IsInt()
  @Min(0)
  @Max(365)
  leadTimeDays: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 100, description: 'A whole number of packs (422 otherwise)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minimumOrderQuantity: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1000000, default: 1, nullable: true, description: 'Units per pack; 0 is refused (422)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  packSize?: number | null;

  @ApiProperty({ type: PriceTierInput, isArray: true, minItems: 1, maxItems: 50, description: 'Ascending by minQuantity, the first from the minimum order quantity' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PriceTierInput)
  tiers: PriceTierInput[];
}

/** A new version of a supplier's price list; it replaces the previous one from validFrom. */
export class PublishPriceListRequest {
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR', description: 'Must be the platform currency (422 otherwise)' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ format: 'date-time', pattern: UTC_DATE_TIME_PATTERN, example: '2026-04-01T00:00:00Z' })
  @IsUtcDateTime()
  validFrom: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', pattern: UTC_DATE_TIME_PATTERN, nullable: true, description: 'Open-ended if absent; after validFrom (422 otherwise)' })
  @IsOptional()
  @IsUtcDateTime()
  validUntil?: string | null;

  @ApiProperty({
    type: PriceListItemInput,
    isArray: true,
    minItems: 1,
    maxItems: 500,
    description: 'At most 500 SKUs per request, so a list stays within the 100 KiB request body',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PriceListItemInput)
  items: PriceListItemInput[];
}
