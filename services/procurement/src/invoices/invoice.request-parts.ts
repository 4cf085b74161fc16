import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { SkuQuantityLineInput } from '../common/line.request-parts';
import { MoneyInput } from '../common/money';

export class InvoiceLineInput extends SkuQuantityLineInput {
  @ApiProperty({ type: MoneyInput, description: "In the order's currency (422 otherwise)" })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyInput)
  unitCost: MoneyInput;
}

/** The lines of an invoice (at most 1,000, as a purchase order). */
export class InvoiceLinesInput {
  @ApiProperty({ type: InvoiceLineInput, isArray: true, minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInput)
  lines: InvoiceLineInput[];
}
