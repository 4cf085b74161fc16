import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/**
 * A product was taken off sale. Open orders are still fulfilled; new carts
 * must not add its SKUs, and procurement stops reordering them.
 */
@IntegrationEvent({
  type: 'ProductRetired',
  version: 1,
  topic: Topics.catalogProducts,
  summary: 'A product and its SKUs were taken off sale.',
})
export class ProductRetired {
  @IsId()
  productId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  skuIds: string[];

  @IsText()
  reason: string;

  @IsInstant()
  retiredAt: string;
}
