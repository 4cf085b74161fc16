import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsId, IsInstant, IsMoney, IsText } from '../../values/field.decorators';

/**
 * A supplier invoice was matched against its purchase order and the goods
 * receipts it bills (three-way match), so it is approved for payment.
 */
@IntegrationEvent({
  type: 'SupplierInvoiceMatched',
  version: 1,
  topic: Topics.procurementSupplierInvoices,
  summary: 'A supplier invoice matched its purchase order and receipts and is approved for payment.',
})
export class SupplierInvoiceMatched {
  @IsId()
  invoiceId: string;

  @IsId()
  supplierId: string;

  /** The number printed on the supplier's invoice. */
  @IsText(128)
  supplierInvoiceNumber: string;

  @IsId()
  purchaseOrderId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  receiptIds: string[];

  /** Amount payable, in the supplier's currency. */
  @IsMoney()
  amount: Money;

  @IsInstant()
  dueDate: string;

  @IsInstant()
  matchedAt: string;
}
