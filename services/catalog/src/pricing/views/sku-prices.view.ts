import { ApiProperty } from '@nestjs/swagger';
import { MoneyView } from '../../products/product.view';

/** A SKU's retail and member price and BV. */
export class SkuPricesView {
  @ApiProperty({ type: MoneyView }) retailPrice: MoneyView;
  @ApiProperty({ type: MoneyView }) memberPrice: MoneyView;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Hundredths of a point' }) bv: number;
}
