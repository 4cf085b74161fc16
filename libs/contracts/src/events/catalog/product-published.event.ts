import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsImageUrlList, IsInstant, IsNestedArray, IsTagList, IsText } from '../../values/field.decorators';
import { CatalogSku } from './catalog.parts';

/**
 * A product went on sale in the mall, with its SKUs, their retail and member
 * prices and BV.
 *
 * Orders can price carts from it; procurement learns which SKUs it must source.
 */
@IntegrationEvent({
  type: 'ProductPublished',
  version: 1,
  topic: Topics.catalogProducts,
  summary: 'A product was published with its SKUs, retail and member prices and BV per SKU.',
})
export class ProductPublished {
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

  @IsNestedArray(() => CatalogSku, { max: 200 })
  skus: CatalogSku[];

  @IsInstant()
  publishedAt: string;
}
