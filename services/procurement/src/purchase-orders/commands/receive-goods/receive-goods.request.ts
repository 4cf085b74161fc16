import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MoneyInput } from '../../../common/money';

export class ReceiptLineInput {
  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  skuId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @ApiPropertyOptional({ type: MoneyInput, nullable: true, description: "Purchase price plus freight and duty per unit; absent: the order's unit cost" })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  landedUnitCost?: MoneyInput | null;
}

/** Goods that arrived for a purchase order; the receipt id makes a retry book nothing twice. */
export class ReceiveGoodsRequest {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the caller, once per delivery: the same id again books nothing' })
  @IsUUID('all', { message: 'receiptId must be a UUID' })
  receiptId: string;

  @ApiProperty({ type: ReceiptLineInput, isArray: true, minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ReceiptLineInput)
  lines: ReceiptLineInput[];
}
