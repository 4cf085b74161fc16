import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { Money } from '../../values/money.value';
import { IsCount, IsId, IsInstant, IsMoney } from '../../values/field.decorators';

/**
 * A payout batch for a closed period was handed to the bank. It carries totals
 * only (a batch can hold many thousand payments); the per-member statements
 * are read from the commission service's HTTP API by `batchId`.
 */
@IntegrationEvent({
  type: 'PayoutBatchIssued',
  version: 1,
  topic: Topics.commissionPeriods,
  summary: 'A payout batch for a closed period was issued, with totals and the debts carried forward.',
})
export class PayoutBatchIssued {
  @IsId()
  periodId: string;

  @IsId()
  batchId: string;

  @IsCount()
  paymentCount: number;

  /** Total paid out (non-negative). */
  @IsMoney()
  total: Money;

  /** Negative balances (clawbacks exceeding earnings) carried into the next period, as a positive amount. */
  @IsMoney()
  carriedForward: Money;

  @IsInstant()
  issuedAt: string;
}
