import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsImageUrlList, IsInstant, IsNestedArray, IsTagList, IsText } from '../../values/field.decorators';
import { CatalogSkuDescription } from './catalog.parts';

/**
 * A product's description changed (name, text, category, tags, images, SKU
 * names, weights and dimensions, a SKU added as a draft). Carries
 * the full current description, so a consumer simply overwrites its copy.
 * Prices and BV change only through ProductPriceChanged.
 */
@IntegrationEvent({
  type: 'ProductUpdated',
  version: 1,
  topic: Topics.catalogProducts,
  summary: "A product's descriptive data changed; carries the full current description.",
})
export class ProductUpdated {
  @IsId()
  productId: string;

  @IsText(200)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @IsId()
  categoryId: string;

  /** Search words for the mall (added in v1; absent in older messages). */
  @IsTagList()
  tags?: string[];

  /** Product image URLs, first is the main image (added in v1; absent in older messages). */
  @IsImageUrlList()
  imageUrls?: string[];

  @IsNestedArray(() => CatalogSkuDescription, { max: 200 })
  skus: CatalogSkuDescription[];

  @IsInstant()
  updatedAt: string;
}
