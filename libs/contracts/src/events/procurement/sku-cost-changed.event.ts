import { IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsId, IsInstant, IsMoney, IsNested } from '../../values/field.decorators';

/**
 * The landed unit cost of a SKU changed because goods arrived at a new price
 * (typically a better supplier tier reached by aggregated demand).
 *
 * Catalog's pricing policy reacts: it may pass a share of the saving on to
 * retail and member prices (a ProductPriceChanged follows).
 */
@IntegrationEvent({
  type: 'SkuCostChanged',
  version: 1,
  topic: Topics.procurementSkuCosts,
  summary: 'The landed unit cost of a SKU changed, with previous and new cost and the receipt that caused it.',
})
export class SkuCostChanged {
  @IsId()
  skuId: string;

  @IsId()
  supplierId: string;

  /** Null for the first receipt of a SKU. */
  @IsOptional()
  @IsNested(() => Money)
  previousUnitCost?: Money | null;

  @IsMoney()
  newUnitCost: Money;

  @IsId()
  purchaseOrderId: string;

  @IsId()
  receiptId: string;

  @IsInstant()
  changedAt: string;
}
