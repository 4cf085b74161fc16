import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { StockShortLine } from './catalog.parts';

/**
 * A paid order's stock could not be committed: its reservation had lapsed
 * (expired before the payment arrived) and reserving again found some lines
 * short. Nothing is held for the order. Orders refunds the payment and tells
 * the buyer which lines fell short.
 */
@IntegrationEvent({
  type: 'StockCommitFailed',
  version: 1,
  topic: Topics.catalogReservations,
  summary: "A paid order's stock could not be committed (its reservation lapsed and stock is short); refund it.",
})
export class StockCommitFailed {
  @IsId()
  orderId: string;

  @IsId()
  reservationId: string;

  @IsNestedArray(() => StockShortLine)
  shortLines: StockShortLine[];

  @IsInstant()
  failedAt: string;
}
