import { ApiProperty } from '@nestjs/swagger';

/** How a cost change Δ was shared, signed like Δ: retail + operatorMargin + platform = Δ exactly (minor units). */
export class SplitView {
  @ApiProperty({ type: 'integer', description: 'What the retail price moved by' }) retail: number;
  @ApiProperty({ type: 'integer', description: 'The operators’ margin moved by minus this' })
  operatorMargin: number;
  @ApiProperty({ type: 'integer', description: 'The platform’s margin moved by minus this' })
  platform: number;
}
