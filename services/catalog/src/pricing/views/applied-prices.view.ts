import { ApiProperty } from '@nestjs/swagger';
import { PriceChangeView } from './price-change.view';

/** The first prices a policy version gave the chosen SKUs (a SKU whose prices already were these is left out). */
export class AppliedPricesView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: [PriceChangeView] }) changes: PriceChangeView[];
}
