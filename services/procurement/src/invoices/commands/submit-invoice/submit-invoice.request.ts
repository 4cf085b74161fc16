import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { InvoiceLinesInput } from '../../invoice.request-parts';
import { IsUtcDateTime, UTC_DATE_TIME_PATTERN } from '@netdirect/runtime';

/** A supplier's invoice for (part of) a purchase order. */
export class SubmitInvoiceRequest extends InvoiceLinesInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'supplierId must be a UUID' })
  supplierId: string;

  @ApiProperty({ minLength: 1, maxLength: 128, example: 'RE-2026-00412', description: "The number on the supplier's invoice; once per supplier (409 again)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  supplierInvoiceNumber: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'purchaseOrderId must be a UUID' })
  purchaseOrderId: string;

  @ApiProperty({ format: 'date-time', pattern: UTC_DATE_TIME_PATTERN, description: 'The payment terms run from here' })
  @IsUtcDateTime()
  invoiceDate: string;
}
