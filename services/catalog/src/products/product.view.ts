import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRODUCT_STATUS_VALUES, ProductState, ProductStatus, SKU_STATUS_VALUES, SkuState, SkuStatus } from './product';

const iso = (d: Date | string) => new Date(d).toISOString();

export class MoneyView {
  @ApiProperty({ type: 'integer', example: 1500, description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' }) currency: string;
}

export class DimensionsView {
  @ApiProperty({ type: 'integer', minimum: 1 }) lengthMm: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) widthMm: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) heightMm: number;
}

export class SkuView {
  @ApiProperty({ format: 'uuid' }) skuId: string;
  @ApiProperty({ example: '500 ml' }) name: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'One packed unit, grams' }) weightGrams: number;
  @ApiProperty({ type: DimensionsView }) dimensions: DimensionsView;
  @ApiProperty({ type: MoneyView }) retailPrice: MoneyView;
  @ApiProperty({ type: MoneyView }) memberPrice: MoneyView;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Hundredths of a BV point' }) bv: number;
  @ApiProperty({ enum: SKU_STATUS_VALUES }) status: SkuStatus;
  @ApiProperty({ description: 'Prices set by hand by ops (until the next cost change), not by the pricing policy' })
  manual: boolean;
}

/** A product with its SKUs. Callers other than ops see only active SKUs. */
export class ProductView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Herbal Shampoo' }) name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ type: String, isArray: true }) tags: string[];
  @ApiProperty({ type: String, isArray: true }) imageUrls: string[];
  @ApiProperty({ enum: PRODUCT_STATUS_VALUES }) status: ProductStatus;
  @ApiProperty({ type: SkuView, isArray: true }) skus: SkuView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) publishedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) retiredAt?: string;
}

export function toSkuView(k: SkuState): SkuView {
  return {
    skuId: k.skuId,
    name: k.name,
    weightGrams: k.weightGrams,
    dimensions: { lengthMm: k.dimensions.lengthMm, widthMm: k.dimensions.widthMm, heightMm: k.dimensions.heightMm },
    retailPrice: { amount: k.retailPrice.amount, currency: k.retailPrice.currency },
    memberPrice: { amount: k.memberPrice.amount, currency: k.memberPrice.currency },
    bv: k.bv,
    status: k.status,
    manual: Boolean(k.manual),
  };
}

export function toProductView(p: ProductState, options: { allSkus: boolean } = { allSkus: true }): ProductView {
  return {
    id: p._id,
    name: p.name,
    description: p.description ?? null,
    categoryId: p.categoryId,
    tags: p.tags ?? [],
    imageUrls: p.imageUrls ?? [],
    status: p.status,
    skus: p.skus.filter((k) => options.allSkus || k.status === 'active').map(toSkuView),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    ...(p.publishedAt ? { publishedAt: iso(p.publishedAt) } : {}),
    ...(p.retiredAt ? { retiredAt: iso(p.retiredAt) } : {}),
  };
}
