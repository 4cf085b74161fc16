import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsUtcDateTime, UTC_DATE_TIME_PATTERN } from '@netdirect/runtime';
import { SkuLineInput } from '../../../common/line.request-parts';

export class ConfirmedLineInput extends SkuLineInput {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 1000000, description: 'At most what was ordered (422 otherwise)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quantity: number;
}

/** The supplier's confirmation: its reference, the delivery date, and the quantities if it confirms less than ordered. */
export class ConfirmPurchaseOrderRequest {
  @ApiProperty({ minLength: 1, maxLength: 128, example: 'AK-SO-88123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  supplierReference: string;

  @ApiProperty({ format: 'date-time', pattern: UTC_DATE_TIME_PATTERN, example: '2026-03-10T00:00:00Z' })
  @IsUtcDateTime()
  deliveryDate: string;

  @ApiPropertyOptional({
    type: ConfirmedLineInput,
    isArray: true,
    minItems: 1,
    maxItems: 1000,
    nullable: true,
    description: 'Absent: every line in full. Present: these quantities; a line left out is confirmed at 0 (the shortfall goes back into demand).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ConfirmedLineInput)
  lines?: ConfirmedLineInput[] | null;
}
