import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsInstant } from '../../values/field.decorators';
import { CommissionLineFields } from './commission-line.parts';

/**
 * A commission line was accrued (pending) for a paid order. It becomes
 * releasable when the order completes, or is clawed back if it is refunded.
 * Members see it as "pending" on their dashboard.
 */
@IntegrationEvent({
  type: 'CommissionAccrued',
  version: 1,
  topic: Topics.commissionLedger,
  summary: 'A pending commission line was accrued for a beneficiary on a paid order, with its arithmetic.',
})
export class CommissionAccrued extends CommissionLineFields {
  @IsInstant()
  accruedAt: string;
}
