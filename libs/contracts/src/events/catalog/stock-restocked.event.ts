import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsCount, IsId, IsInstant, IsQuantity } from '../../values/field.decorators';

/** Returned, resellable units of a SKU went back on the shelf. Levels are after the change. */
@IntegrationEvent({
  type: 'StockRestocked',
  version: 1,
  topic: Topics.catalogStock,
  summary: 'Returned, resellable units of a SKU were put back into stock.',
})
export class StockRestocked {
  @IsId()
  skuId: string;

  @IsQuantity()
  quantity: number;

  @IsCount()
  onHand: number;

  @IsCount()
  available: number;

  @IsId()
  orderId: string;

  @IsId()
  returnId: string;

  @IsInstant()
  restockedAt: string;
}
