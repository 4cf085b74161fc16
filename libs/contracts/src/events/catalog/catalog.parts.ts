import { IsCount, IsId, IsMoney, IsText } from '../../values/field.decorators';
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

/** A sellable variant of a product, with its prices and BV. */
export class CatalogSku extends SkuPricing {
  /** Variant name, e.g. "500 ml". */
  @IsText(200)
  name: string;
}

/** The descriptive part of a SKU, without prices. */
export class CatalogSkuDescription {
  @IsId()
  skuId: string;

  @IsText(200)
  name: string;
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
