import { IsEmail, IsInt, Max, Min } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsCurrencyCode, IsId, IsInstant, IsMarket, IsText } from '../../values/field.decorators';

/**
 * A supplier (A) was registered and may now publish price lists.
 *
 * Consumers keep it to show supplier names next to price lists, purchase orders
 * and invoices without asking procurement.
 */
@IntegrationEvent({
  type: 'SupplierRegistered',
  version: 1,
  topic: Topics.procurementSuppliers,
  summary: 'A supplier was registered, with its country, invoicing currency and payment terms.',
})
export class SupplierRegistered {
  @IsId()
  supplierId: string;

  @IsText(200)
  name: string;

  /** ISO 3166-1 alpha-2 country of the supplier's legal seat. */
  @IsMarket()
  country: string;

  /** Currency the supplier prices and invoices in. */
  @IsCurrencyCode()
  currency: string;

  /** Days from invoice to payment due. */
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays: number;

  /** Where purchase orders are sent. */
  @IsEmail()
  orderEmail: string;

  @IsInstant()
  registeredAt: string;
}
