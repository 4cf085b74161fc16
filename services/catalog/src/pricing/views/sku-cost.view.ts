import { ApiProperty } from '@nestjs/swagger';
import { MoneyView } from '../../products/product.view';

/** A SKU's cost basis and where its price stands against it. */
export class SkuCostView {
  @ApiProperty({ format: 'uuid' }) skuId: string;
  @ApiProperty({
    type: MoneyView,
    nullable: true,
    description: 'Weighted average landed unit cost; null before any cost',
  })
  costBasis: MoneyView | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Received units the average is weighted over' })
  quantityAtCost: number;
  @ApiProperty({
    type: MoneyView,
    nullable: true,
    description: 'The cost basis the current price was set at',
  })
  pricedAt: MoneyView | null;
  @ApiProperty({ type: 'integer', nullable: true }) policyVersion: number | null;
}
