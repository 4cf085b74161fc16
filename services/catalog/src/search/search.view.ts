import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyView } from '../products/product.view';
import { ListedProduct } from './product-search';

export class ListedSkuView {
  @ApiProperty({ format: 'uuid' }) skuId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: MoneyView }) retailPrice: MoneyView;
  @ApiProperty({ type: MoneyView }) memberPrice: MoneyView;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Hundredths of a BV point' }) bv: number;
}

/** A product on sale as the mall lists it, with its SKUs on sale. */
export class ListedProductView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ type: String, isArray: true }) tags: string[];
  @ApiProperty({ type: String, isArray: true }) imageUrls: string[];
  @ApiProperty({ type: MoneyView, description: 'The lowest retail price of its SKUs on sale' }) fromPrice: MoneyView;
  @ApiProperty({ type: ListedSkuView, isArray: true }) skus: ListedSkuView[];
}

export class ProductSearchPageView {
  @ApiProperty({ type: ListedProductView, isArray: true }) items: ListedProductView[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' }) nextCursor?: string;
}

export function toListedView(p: ListedProduct): ListedProductView {
  return {
    id: p.id,
    name: p.name,
    categoryId: p.categoryId,
    tags: p.tags,
    imageUrls: p.imageUrls,
    fromPrice: { amount: p.fromPrice, currency: p.currency },
    skus: p.skus.map((k) => ({ ...k, retailPrice: { ...k.retailPrice }, memberPrice: { ...k.memberPrice } })),
  };
}
