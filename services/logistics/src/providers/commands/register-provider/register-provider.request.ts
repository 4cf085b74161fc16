import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SERVICE_LEVELS, ServiceLevel } from '../../provider';

/** A provider id names its handoff topic `logistics.handoff.<id>.v1` and its webhook URL. */
export const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{1,47}$/;
const POSTCODE_PREFIX = /^[A-Za-z0-9 -]{1,10}$/;

export class ProviderRegionInput {
  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as DE' })
  country: string;

  @ApiProperty({ type: 'array', items: { type: 'string', pattern: POSTCODE_PREFIX.source }, maxItems: 200, example: ['10', '12'], description: 'Postcode prefixes served; empty = the whole country' })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(POSTCODE_PREFIX, { each: true, message: 'each postcode prefix is 1-10 letters, digits, spaces or "-"' })
  postcodePrefixes: string[];
}

export class ParcelLimitsInput {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 31500, description: 'Most one parcel may weigh, in grams' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxWeightGrams: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, example: 1200, description: 'Longest side of one parcel, in mm' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxLengthMm: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000000, example: 120000, description: 'Most one parcel may hold, in cm³' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  maxVolumeCm3: number;
}

/** A new logistics provider (ops). */
export class RegisterProviderRequest {
  @ApiProperty({ pattern: PROVIDER_ID.source, example: 'dhl-de', description: 'Names its handoff topic logistics.handoff.<id>.v1 and its webhook URL' })
  @IsString()
  @Matches(PROVIDER_ID, { message: 'id must be 2-48 lowercase letters, digits or "-", starting with a letter or digit' })
  id: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'DHL Paket Deutschland' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: ProviderRegionInput, isArray: true, minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProviderRegionInput)
  regions: ProviderRegionInput[];

  @ApiProperty({ type: ParcelLimitsInput })
  @IsDefined()
  @ValidateNested()
  @Type(() => ParcelLimitsInput)
  limits: ParcelLimitsInput;

  @ApiProperty({ enum: SERVICE_LEVELS, isArray: true, minItems: 1, maxItems: 2, example: ['standard'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(SERVICE_LEVELS, { each: true })
  serviceLevels: ServiceLevel[];

  @ApiProperty({ minLength: 1, maxLength: 40, example: 'PT4H', description: 'How long it has to accept a shipment before it is re-routed (1 minute to 7 days)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  acceptanceDeadline: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 1000, example: 10, description: 'Lower is preferred' })
  @IsInt()
  @Min(0)
  @Max(1000)
  priority: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000000, example: 5000, description: 'Shipments it takes per UTC day' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  dailyCapacity: number;
}
