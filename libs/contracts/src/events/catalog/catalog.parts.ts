import { IsIn, IsOptional } from 'class-validator';
import { IsCount, IsId, IsMoney, IsNested, IsQuantity, IsText } from '../../values/field.decorators';
import { Money } from '../../values/money.value';

/*
 * Nested payload parts shared by catalog events. Class names are unique across
 * the contracts because the JSON Schema definitions are keyed by them.
 */

/** Prices and business volume of one SKU: what orders snapshot on each line. */
export class SkuPricing {
  @IsId()
  skuId: string;

  /** What a consumer (D) pays. */
  @IsMoney()
  retailPrice: Money;

  /** What an operator (C) pays; the difference to retail is the operator's margin. */
  @IsMoney()
  memberPrice: Money;

  /** Business volume per unit, the commission base. */
  @IsCount()
  bv: number;
}

/** The outer size of one packed unit of a SKU, in whole millimetres: logistics builds parcels from it. */
export class SkuDimensions {
  @IsQuantity()
  lengthMm: number;

  @IsQuantity()
  widthMm: number;

  @IsQuantity()
  heightMm: number;
}

export const SKU_STATUSES = ['draft', 'active', 'retired'] as const;

/** A sellable variant of a product, with its prices and BV. */
export class CatalogSku extends SkuPricing {
  /** Variant name, e.g. "500 ml". */
  @IsText(200)
  name: string;

  /** Weight of one packed unit in grams (added in v1; absent in older messages). */
  @IsOptional()
  @IsQuantity()
  weightGrams?: number;

  /** Size of one packed unit (added in v1; absent in older messages). */
  @IsOptional()
  @IsNested(() => SkuDimensions)
  dimensions?: SkuDimensions;
}

/** The descriptive part of a SKU, without prices. */
export class CatalogSkuDescription {
  @IsId()
  skuId: string;

  @IsText(200)
  name: string;

  /** Weight of one packed unit in grams (added in v1; absent in older messages). */
  @IsOptional()
  @IsQuantity()
  weightGrams?: number;

  /** Size of one packed unit (added in v1; absent in older messages). */
  @IsOptional()
  @IsNested(() => SkuDimensions)
  dimensions?: SkuDimensions;

  /** `draft` (not on sale yet), `active` or `retired` (added in v1; absent in older messages). */
  @IsOptional()
  @IsIn(SKU_STATUSES)
  status?: (typeof SKU_STATUSES)[number];
}

/** A SKU an order wanted more of than is available. */
export class StockShortLine {
  @IsId()
  skuId: string;

  /** Units the order asked for. */
  @IsCount()
  requested: number;

  /** Units available when the reservation was attempted. */
  @IsCount()
  available: number;
}
