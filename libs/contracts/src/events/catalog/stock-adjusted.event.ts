import { IsIn, IsInt, Max, Min, NotEquals } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsCount, IsId, IsInstant, IsText } from '../../values/field.decorators';

export const STOCK_ADJUSTMENT_KINDS = ['count-correction', 'damage'] as const;

/**
 * Ops corrected the on-hand stock of a SKU by hand: a stock count found a
 * different number, or units were damaged. `quantity` is the signed change;
 * `onHand` and `available` are the levels after it, so a consumer can
 * overwrite rather than add.
 */
@IntegrationEvent({
  type: 'StockAdjusted',
  version: 1,
  topic: Topics.catalogStock,
  summary: 'Ops corrected the on-hand stock of a SKU (count correction, damage) with a reason.',
})
export class StockAdjusted {
  @IsId()
  skuId: string;

  @IsId()
  adjustmentId: string;

  @IsIn(STOCK_ADJUSTMENT_KINDS)
  kind: (typeof STOCK_ADJUSTMENT_KINDS)[number];

  /** Signed change of on-hand units, never 0. */
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  quantity: number;

  @IsCount()
  onHand: number;

  @IsCount()
  available: number;

  @IsText()
  reason: string;

  /** The ops user. */
  @IsId()
  by: string;

  @IsInstant()
  adjustedAt: string;
}
