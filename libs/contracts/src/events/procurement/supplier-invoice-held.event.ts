import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsId, IsInstant, IsMoney, IsNestedArray, IsText } from '../../values/field.decorators';
import { SupplierInvoiceMismatch } from './procurement.parts';

/**
 * A supplier invoice did not match its purchase order and receipts within
 * the tolerance (added in v1); it is held, with the lines that differ, until
 * a credit note or a correction resolves it (then SupplierInvoiceMatched
 * follows). Nothing held is paid.
 */
@IntegrationEvent({
  type: 'SupplierInvoiceHeld',
  version: 1,
  topic: Topics.procurementSupplierInvoices,
  summary: 'A supplier invoice failed the three-way match and is held with the differing lines.',
})
export class SupplierInvoiceHeld {
  @IsId()
  invoiceId: string;

  @IsId()
  supplierId: string;

  @IsText(128)
  supplierInvoiceNumber: string;

  @IsId()
  purchaseOrderId: string;

  /** What the invoice bills in all, net of credit notes. */
  @IsMoney()
  amount: Money;

  @IsNestedArray(() => SupplierInvoiceMismatch)
  mismatches: SupplierInvoiceMismatch[];

  @IsInstant()
  heldAt: string;
}
