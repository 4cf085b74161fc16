import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsCount, IsId, IsInstant, IsQuantity } from '../../values/field.decorators';

/**
 * Available stock of a SKU fell to or below its reorder point. Procurement adds
 * `suggestedQuantity` to the demand of its next procurement run.
 */
@IntegrationEvent({
  type: 'ReorderPointReached',
  version: 1,
  topic: Topics.catalogStock,
  summary: 'Available stock of a SKU fell to its reorder point; procurement should reorder.',
})
export class ReorderPointReached {
  @IsId()
  skuId: string;

  @IsCount()
  available: number;

  @IsCount()
  reorderPoint: number;

  @IsQuantity()
  suggestedQuantity: number;

  @IsInstant()
  reachedAt: string;
}
