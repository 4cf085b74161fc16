import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/*
 * Request parts the product routes share. Constraints here are the format;
 * the business rules (platform currency, no negative price, member ≤ retail,
 * BV within the member price) are the aggregate's and answer 422.
 */

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Money as integer minor units and an ISO 4217 code (prices must be in the platform currency: 422 otherwise). */
export class MoneyRequest {
  @ApiProperty({ type: 'integer', example: 1500, minimum: -MAX_SAFE, maximum: MAX_SAFE, description: 'Minor units (cents)' })
  @IsInt()
  @Min(-MAX_SAFE)
  @Max(MAX_SAFE)
  amount: number;

  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;
}

/** Outer size of one packed unit, whole millimetres. */
export class DimensionsRequest {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 70 })
  @IsInt()
  @Min(1)
  @Max(1000000)
  lengthMm: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 45 })
  @IsInt()
  @Min(1)
  @Max(1000000)
  widthMm: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 190 })
  @IsInt()
  @Min(1)
  @Max(1000000)
  heightMm: number;
}

const nested = (cls: () => new () => object) => [IsObject(), ValidateNested(), Type(cls)];
function Nested(cls: () => new () => object): PropertyDecorator {
  return (target, key) => nested(cls).forEach((d) => d(target, key));
}

/** A SKU as ops describe it: its name, parcel data, prices and BV. */
export class SkuRequest {
  @ApiProperty({ example: '500 ml', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 540, description: 'One packed unit, grams' })
  @IsInt()
  @Min(1)
  @Max(1000000)
  weightGrams: number;

  @ApiProperty({ type: DimensionsRequest })
  @Nested(() => DimensionsRequest)
  dimensions: DimensionsRequest;

  @ApiProperty({ type: MoneyRequest, description: 'What a consumer pays' })
  @Nested(() => MoneyRequest)
  retailPrice: MoneyRequest;

  @ApiProperty({ type: MoneyRequest, description: 'What an operator pays; at most the retail price' })
  @Nested(() => MoneyRequest)
  memberPrice: MoneyRequest;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_SAFE,
    example: 750,
    description: 'Business volume in hundredths of a point (7.50 points → 750); at most the member price in points (CATALOG_BV_POINTS_PER_UNIT)',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_SAFE)
  bv: number;
}

/** The descriptive fields of a product shared by create and update (all optional here; create requires some). */
export class ProductTextRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    maxItems: 50,
    items: { type: 'string', minLength: 1, maxLength: 50 },
    description: 'Search words; stored trimmed and lower case, each once',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: 'array',
    maxItems: 20,
    items: { type: 'string', maxLength: 2000, pattern: '^https?://[!-~]+$' },
    description: 'Image URLs, the main image first',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  @Matches(/^https?:\/\/[!-~]+$/, { each: true, message: 'imageUrls must be http(s) URLs (printable ASCII, no spaces)' })
  imageUrls?: string[];
}
