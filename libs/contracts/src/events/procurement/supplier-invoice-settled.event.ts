import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsId, IsInstant, IsMoney, IsText } from '../../values/field.decorators';

/** A matched supplier invoice was paid; the supplier's open balance drops by `amount`. */
@IntegrationEvent({
  type: 'SupplierInvoiceSettled',
  version: 1,
  topic: Topics.procurementSupplierInvoices,
  summary: 'A supplier invoice was paid.',
})
export class SupplierInvoiceSettled {
  @IsId()
  invoiceId: string;

  @IsId()
  supplierId: string;

  @IsMoney()
  amount: Money;

  /** Bank transfer reference, for reconciliation. */
  @IsText(128)
  paymentReference: string;

  @IsInstant()
  settledAt: string;
}
