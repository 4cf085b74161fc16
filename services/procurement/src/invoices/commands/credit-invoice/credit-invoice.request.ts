import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ArrayMaxSize, ArrayMinSize, IsArray, IsUUID, ValidateNested } from 'class-validator';
import { SkuLineInput } from '../../../common/line.request-parts';
import { MoneyInput } from '../../../common/money';

export class CreditLineInput extends SkuLineInput {
  @ApiProperty({ type: MoneyInput, description: 'Credited for the SKU' })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyInput)
  amount: MoneyInput;
}

/** A credit note against an invoice; the same id again credits nothing twice. */
export class CreditInvoiceRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'creditNoteId must be a UUID' })
  creditNoteId: string;

  @ApiProperty({ type: CreditLineInput, isArray: true, minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CreditLineInput)
  lines: CreditLineInput[];
}
