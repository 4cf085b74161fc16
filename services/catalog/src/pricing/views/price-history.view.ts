import { ApiProperty } from '@nestjs/swagger';
import { PriceChangeView } from './price-change.view';

/** Every price change of a product's SKUs, oldest first. */
export class PriceHistoryView {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ type: [PriceChangeView] }) items: PriceChangeView[];
}
