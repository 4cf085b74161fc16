import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { MoneyInput } from './money.input';

/** Prices set by hand: member ≤ retail and BV ≤ the member price in points (422 otherwise). */
export class ManualPriceRequest {
  @ApiProperty({ type: MoneyInput })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInput)
  retailPrice: MoneyInput;

  @ApiProperty({ type: MoneyInput })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInput)
  memberPrice: MoneyInput;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 750,
    description: 'Hundredths of a point (7.50 points = 750)',
  })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  bv: number;
}
