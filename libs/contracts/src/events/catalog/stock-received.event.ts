import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsCount, IsId, IsInstant, IsQuantity } from '../../values/field.decorators';

/**
 * Stock of a SKU rose because goods from a supplier were received.
 * `onHand` and `available` are the levels after the change, so a consumer can
 * overwrite rather than add.
 */
@IntegrationEvent({
  type: 'StockReceived',
  version: 1,
  topic: Topics.catalogStock,
  summary: 'Stock of a SKU rose from a goods receipt; carries the new on-hand and available levels.',
})
export class StockReceived {
  @IsId()
  skuId: string;

  @IsQuantity()
  quantity: number;

  @IsCount()
  onHand: number;

  /** onHand − reserved. */
  @IsCount()
  available: number;

  @IsId()
  purchaseOrderId: string;

  @IsId()
  receiptId: string;

  @IsInstant()
  receivedAt: string;
}
