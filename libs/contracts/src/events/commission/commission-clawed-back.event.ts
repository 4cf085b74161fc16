import { IsBoolean, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';
import { CommissionLineFields } from './commission-line.parts';

/**
 * A negative entry reversing (part of) an earlier line because the order was
 * refunded. `amount` is negative: the refunded share of what the ledger holds
 * for the line (truncated toward zero), and the refund that leaves no unit of
 * the order line takes exactly the remainder, so clawbacks never drift from
 * accruals. A refund after the line's period closed is booked in the open
 * period (`periodId`) and still names the original line (`reversesLineId`).
 * If the reversed line was already paid (`alreadyPaid`), the debt is carried
 * into the beneficiary's next payout.
 */
@IntegrationEvent({
  type: 'CommissionClawedBack',
  version: 1,
  topic: Topics.commissionLedger,
  summary: 'A negative commission line reversed an earlier line after a refund.',
})
export class CommissionClawedBack extends CommissionLineFields {
  /** The line it reverses. */
  @IsId()
  reversesLineId: string;

  @IsId()
  refundId: string;

  @IsOptional()
  @IsId()
  returnId?: string | null;

  @IsBoolean()
  alreadyPaid: boolean;

  @IsInstant()
  clawedBackAt: string;
}
