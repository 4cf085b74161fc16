import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsInstant } from '../../values/field.decorators';
import { CommissionLineFields } from './commission-line.parts';

/**
 * A pending line became releasable because its order completed (the return
 * window ended). It goes on the beneficiary's next statement.
 */
@IntegrationEvent({
  type: 'CommissionReleased',
  version: 1,
  topic: Topics.commissionLedger,
  summary: 'A commission line became releasable after its order completed.',
})
export class CommissionReleased extends CommissionLineFields {
  @IsInstant()
  releasedAt: string;
}
