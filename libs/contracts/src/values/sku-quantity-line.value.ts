import { IsId, IsQuantity } from './field.decorators';

/** A quantity of one SKU: the line shape shared by reservations, shipments and receipts. */
export class SkuQuantityLine {
  @IsId()
  skuId: string;

  /** Units, at least 1. */
  @IsQuantity()
  quantity: number;
}
