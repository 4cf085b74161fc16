import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray, IsText } from '../../values/field.decorators';
import { SkuQuantityLine } from '../../values/sku-quantity-line.value';

/**
 * The supplier confirmed a purchase order, possibly for fewer units than
 * ordered (`confirmedLines`), with a delivery date.
 *
 * Catalog can plan incoming stock; procurement stops chasing the supplier.
 */
@IntegrationEvent({
  type: 'PurchaseOrderConfirmed',
  version: 1,
  topic: Topics.procurementPurchaseOrders,
  summary: 'The supplier confirmed a purchase order with quantities and a delivery date.',
})
export class PurchaseOrderConfirmed {
  @IsId()
  purchaseOrderId: string;

  @IsId()
  supplierId: string;

  /** The supplier's order number. */
  @IsText(128)
  supplierReference: string;

  /** Quantities the supplier will deliver, per SKU. */
  @IsNestedArray(() => SkuQuantityLine)
  confirmedLines: SkuQuantityLine[];

  @IsInstant()
  deliveryDate: string;

  @IsInstant()
  confirmedAt: string;
}
