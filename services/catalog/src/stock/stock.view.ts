import { ApiProperty } from '@nestjs/swagger';
import { SKU_STATUSES, StockState } from './stock';

/** The stock of one SKU as ops and the mall see it. */
export class StockView {
  @ApiProperty({ example: 'sku_shampoo_500' }) skuId: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Units in the warehouse, reserved ones included' }) onHand: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Units held for orders not yet paid or shipped' }) reserved: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'onHand − reserved: what new orders can reserve' }) available: number;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, description: 'Null: no reorder tracking' })
  reorderPoint: number | null;
  @ApiProperty({ type: 'integer', minimum: 1, nullable: true }) reorderQuantity: number | null;
  @ApiProperty({ description: 'Available stock is at or below the reorder point' }) belowReorder: boolean;
  @ApiProperty({ enum: [...SKU_STATUSES, 'unknown'], description: 'From the catalog product events; a retired SKU cannot be reserved' })
  skuStatus: string;
}

/** A page of SKUs below their reorder point. */
export class StockPageView {
  @ApiProperty({ type: StockView, isArray: true }) items: StockView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  next: string | null;
}

export function toStockView(s: StockState): StockView {
  return {
    skuId: s._id,
    onHand: s.onHand,
    reserved: s.reserved,
    available: s.available,
    reorderPoint: s.reorderPoint ?? null,
    reorderQuantity: s.reorderQuantity ?? null,
    belowReorder: Boolean(s.belowReorder),
    skuStatus: s.skuStatus ?? 'unknown',
  };
}
