import { ApiProperty } from '@nestjs/swagger';
import { MoneyView } from '../../products/product.view';
import { SkuPricesView } from './sku-prices.view';
import { SplitView } from './split.view';

/** One price change of one SKU, with its cause and the arithmetic behind it. */
export class PriceChangeView {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) skuId: string;
  @ApiProperty({ enum: ['cost-change', 'policy-change', 'manual'] }) cause: string;
  @ApiProperty({ type: SkuPricesView }) previous: SkuPricesView;
  @ApiProperty({ type: SkuPricesView }) next: SkuPricesView;
  @ApiProperty({
    type: MoneyView,
    nullable: true,
    description: 'The cost basis the previous price was set at',
  })
  costBasisBefore: MoneyView | null;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'The cost basis the new price follows' })
  costBasisAfter: MoneyView | null;
  @ApiProperty({ type: 'integer', nullable: true }) policyVersion: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Cost changes only' }) retailShareBps:
    | number
    | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Cost changes only' }) marginShareBps:
    | number
    | null;
  @ApiProperty({ type: SplitView, nullable: true, description: 'Cost changes only' }) split: SplitView | null;
  @ApiProperty({ description: 'The member price was held at the platform’s floor' }) boundApplied: boolean;
  @ApiProperty({ description: 'The new prices were set by hand' }) manual: boolean;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() by: string;
}
