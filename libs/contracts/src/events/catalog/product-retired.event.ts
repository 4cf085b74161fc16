import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsText } from '../../values/field.decorators';

/**
 * A product, or some of its SKUs, was taken off sale. Open orders are still
 * fulfilled; new carts must not add the listed SKUs, and procurement stops
 * reordering them. `skuIds` always names exactly the SKUs retired by this
 * event; `productRetired` says whether the whole product is now off sale
 * (absent in messages from before SKU-level retirement, which always retired
 * the whole product).
 */
@IntegrationEvent({
  type: 'ProductRetired',
  version: 1,
  topic: Topics.catalogProducts,
  summary: 'A product and its SKUs, or some of its SKUs, were taken off sale.',
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

  /** True when no SKU of the product is left on sale (added in v1; absent means true). */
  @IsOptional()
  @IsBoolean()
  productRetired?: boolean;

  @IsInstant()
  retiredAt: string;
}
