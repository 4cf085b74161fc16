import { ApiProperty } from '@nestjs/swagger';

export class OpenDemandView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: 'integer', description: 'The largest reorder signal not yet bought for' }) reorder: number;
  @ApiProperty({ type: 'integer', description: 'Units orders asked for beyond stock, once per order' }) unmet: number;
  @ApiProperty({ type: 'integer', description: 'Units suppliers confirmed short or rejected' }) shortfall: number;
  @ApiProperty({ type: 'integer', description: 'Signals waiting for the next run' }) signals: number;
}
