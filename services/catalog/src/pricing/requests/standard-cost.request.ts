import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { MoneyInput } from './money.input';

/** A SKU's standard cost: its cost basis until goods are received. */
export class StandardCostRequest {
  @ApiProperty({ type: MoneyInput })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInput)
  standardCost: MoneyInput;
}
