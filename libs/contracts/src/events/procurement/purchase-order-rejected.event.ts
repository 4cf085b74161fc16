import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/**
 * The supplier refused a purchase order as a whole, with its reason (added in
 * v1). Nothing of it will arrive: procurement puts its quantities back into
 * the next run's demand; catalog can stop showing them as on order.
 */
@IntegrationEvent({
  type: 'PurchaseOrderRejected',
  version: 1,
  topic: Topics.procurementPurchaseOrders,
  summary: 'The supplier rejected a purchase order, with its reason; its quantities go back into demand.',
})
export class PurchaseOrderRejected {
  @IsId()
  purchaseOrderId: string;

  @IsId()
  supplierId: string;

  @IsText(500)
  reason: string;

  @IsInstant()
  rejectedAt: string;
}
