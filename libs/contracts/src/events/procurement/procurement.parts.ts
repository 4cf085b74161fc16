import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsMoney, IsNestedArray, IsQuantity, IsText } from '../../values/field.decorators';

/*
 * Nested payload parts shared by procurement events. Class names are unique
 * across the contracts because the JSON Schema definitions are keyed by them.
 */

/** One quantity break: from `minQuantity` units on, each unit costs `unitCost`. */
export class SupplierPriceTier {
  @IsQuantity()
  minQuantity: number;

  @IsMoney()
  unitCost: Money;
}

/** The supplier's terms for one SKU on a price list. */
export class SupplierPriceListItem {
  @IsId()
  skuId: string;

  /** The supplier's own article number, for the purchase order. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  supplierSku?: string | null;

  /** Working days from confirmation to arrival at the warehouse. */
  @IsCount()
  leadTimeDays: number;

  /** The fewest units the supplier accepts on one purchase order line. */
  @IsQuantity()
  minimumOrderQuantity: number;

  /**
   * Units per pack: the supplier sells only whole packs, and the minimum is a
   * whole number of packs (added in v1; absent means 1).
   */
  @IsOptional()
  @IsQuantity()
  packSize?: number | null;

  /** Quantity breaks, ascending by `minQuantity`; the first applies from `minimumOrderQuantity`. */
  @IsNestedArray(() => SupplierPriceTier, { max: 50 })
  tiers: SupplierPriceTier[];
}

/** One line of a purchase order, at the tier price the procurement run picked. */
export class PurchaseOrderLine {
  @IsId()
  skuId: string;

  @IsQuantity()
  quantity: number;

  @IsMoney()
  unitCost: Money;

  /** quantity × unitCost. */
  @IsMoney()
  lineTotal: Money;
}

/** What arrived of one SKU in one receipt. */
export class GoodsReceiptLine {
  @IsId()
  skuId: string;

  @IsQuantity()
  quantityReceived: number;

  /** Landed cost per unit of this receipt (purchase price plus allocated freight and duty). */
  @IsMoney()
  landedUnitCost: Money;
}

/** One SKU of a supplier invoice that does not match its purchase order and receipts (three-way match). */
export class SupplierInvoiceMismatch {
  @IsId()
  skuId: string;

  /** What the invoice bills for the SKU, net of credit notes. */
  @IsMoney()
  invoiced: Money;

  /** The most the SKU may be billed: units received × ordered unit cost, plus the tolerance. */
  @IsMoney()
  allowed: Money;

  /** Why, for people: e.g. "invoiced 1000 units, 900 received". */
  @IsText(500)
  reason: string;
}
