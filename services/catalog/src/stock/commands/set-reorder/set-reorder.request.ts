import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** When to reorder a SKU and how much to suggest to procurement. */
export class SetReorderRequest {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 1000000, example: 100, description: 'Reorder at or below this many available units' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  reorderPoint: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 1000, description: 'Units procurement should order' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  reorderQuantity: number;
}
