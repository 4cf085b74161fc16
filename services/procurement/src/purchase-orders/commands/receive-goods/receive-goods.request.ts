import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { SkuQuantityLineInput } from '../../../common/line.request-parts';
import { MoneyInput } from '../../../common/money';

export class ReceiptLineInput extends SkuQuantityLineInput {
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
