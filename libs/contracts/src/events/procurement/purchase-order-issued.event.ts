import { IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsCurrencyCode, IsId, IsInstant, IsMoney, IsNestedArray } from '../../values/field.decorators';
import { PurchaseOrderLine } from './procurement.parts';

/**
 * The platform (B) issued a purchase order to a supplier, usually from a
 * procurement run that aggregated demand across SKUs to reach a better tier.
 *
 * Catalog can show stock as "on order"; finance can commit the spend.
 */
@IntegrationEvent({
  type: 'PurchaseOrderIssued',
  version: 1,
  topic: Topics.procurementPurchaseOrders,
  summary: 'A purchase order was issued to a supplier at the chosen tier prices.',
})
export class PurchaseOrderIssued {
  @IsId()
  purchaseOrderId: string;

  @IsId()
  supplierId: string;

  /** The procurement run that produced it; absent for a manual order. */
  @IsOptional()
  @IsId()
  procurementRunId?: string | null;

  @IsId()
  priceListId: string;

  @IsCurrencyCode()
  currency: string;

  @IsNestedArray(() => PurchaseOrderLine)
  lines: PurchaseOrderLine[];

  /** Σ lineTotal. */
  @IsMoney()
  total: Money;

  /** Latest expected arrival, from the lines' lead times. */
  @IsInstant()
  expectedBy: string;

  @IsInstant()
  issuedAt: string;
}
