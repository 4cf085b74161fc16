import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class SettleInvoiceRequest {
  @ApiProperty({ minLength: 1, maxLength: 128, pattern: '\\S', example: 'SEPA-20260402-7781', description: 'The bank transfer reference: nothing is marked paid without one' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @Matches(/\S/, { message: 'paymentReference must not be blank' })
  paymentReference: string;
}
