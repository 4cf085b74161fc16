import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsInstant } from '../../values/field.decorators';
import { CommissionLineFields } from './commission-line.parts';

/**
 * A final line was paid out: its order completed (under the `eu` profile the
 * withdrawal period also ended), it was put in a payout batch and the batch
 * was issued. One event per ledger entry the batch paid.
 */
@IntegrationEvent({
  type: 'CommissionReleased',
  version: 1,
  topic: Topics.commissionLedger,
  summary: 'A commission line was released in an issued payout batch after its order completed.',
})
export class CommissionReleased extends CommissionLineFields {
  @IsInstant()
  releasedAt: string;
}
