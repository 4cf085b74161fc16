import { ApiProperty } from '@nestjs/swagger';
import { STOCK_ADJUSTMENT_KINDS } from '@netdirect/contracts';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, NotEquals } from 'class-validator';
import type { AdjustmentKind } from '../../stock';

/** An ops correction of on-hand stock, with the reason for the audit. */
export class AdjustStockRequest {
  @ApiProperty({ enum: STOCK_ADJUSTMENT_KINDS, description: '`damage` only removes units' })
  @IsIn(STOCK_ADJUSTMENT_KINDS)
  kind: AdjustmentKind;

  @ApiProperty({
    type: 'integer',
    minimum: -1000000,
    maximum: 1000000,
    example: -3,
    description: 'Signed change of on-hand units, not 0',
    not: { enum: [0] },
  })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  quantity: number;

  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Three bottles crushed by a pallet jack.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
