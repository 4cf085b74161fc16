import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { IsId, IsNestedArray, IsQuantity } from '../../values/field.decorators';
import { SkuQuantityLine } from '../../values/sku-quantity-line.value';

/*
 * Nested payload parts shared by logistics events. Class names are unique
 * across the contracts because the JSON Schema definitions are keyed by them.
 */

export const SHIPMENT_SERVICE_LEVELS = ['standard', 'express'] as const;

/** `outbound` carries a paid order to its buyer; `return` brings a buyer's return back to the warehouse (added in v1). */
export const SHIPMENT_DIRECTIONS = ['outbound', 'return'] as const;

/** One parcel of a shipment and what is packed in it. */
export class ShipmentParcel {
  @IsId()
  parcelId: string;

  /** Gross weight in grams. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  weightGrams: number;

  @IsNestedArray(() => SkuQuantityLine)
  lines: SkuQuantityLine[];
}

/** Units of one SKU that came back, and whether they can be sold again. */
export class ReturnedItemLine {
  @IsId()
  skuId: string;

  @IsQuantity()
  quantity: number;

  /** False for damaged or opened goods; only resellable units are restocked. */
  @IsBoolean()
  resellable: boolean;
}
