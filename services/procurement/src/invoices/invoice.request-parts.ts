import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MoneyInput } from '../common/money';

export class InvoiceLineInput {
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
