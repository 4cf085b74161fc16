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

export class OrderLineInput {
  @ApiProperty({ minLength: 1, maxLength: 128, example: 'sku-tea-500', description: 'A SKU on sale (422 naming the line otherwise)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  skuId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 2, description: 'Units; above the per-line maximum (ORDERS_MAX_LINE_QUANTITY) is 422' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;
}

export class ShippingAddressInput {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Ada Lovelace', description: 'Recipient name for the label' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 200 },
    minItems: 1,
    maxItems: 4,
    example: ['Hauptstr. 1'],
    description: 'Street lines, first first',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  lines: string[];

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Berlin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city: string;

  @ApiProperty({ minLength: 1, maxLength: 20, example: '10115' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  postalCode: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'DE', description: "ISO 3166-1 alpha-2; must be the order's market (422 otherwise)" })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as DE' })
  country: string;

  @ApiPropertyOptional({ type: String, maxLength: 40, nullable: true, example: '+49 30 1234567' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}

/** A member's order: SKUs and quantities only; prices, BV and names come from the catalog's events. */
export class PlaceOrderRequest {
  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'DE', description: 'A configured market (ORDERS_MARKETS; 422 otherwise)' })
  @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code such as DE' })
  market: string;

  @ApiProperty({ type: OrderLineInput, isArray: true, minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  lines: OrderLineInput[];

  @ApiProperty({ type: ShippingAddressInput })
  @IsDefined()
  @ValidateNested()
  @Type(() => ShippingAddressInput)
  shippingAddress: ShippingAddressInput;
}

/** A guest's order: as a member's, with the referral code of the operator it buys through. */
export class PlaceGuestOrderRequest extends PlaceOrderRequest {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'ANNA-7K2', description: "An active operator's referral code (422 otherwise)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  referralCode: string;
}
