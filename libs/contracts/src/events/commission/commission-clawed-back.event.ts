import { IsBoolean, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant } from '../../values/field.decorators';
import { CommissionLineFields } from './commission-line.parts';

/**
 * A negative line reversing (part of) an earlier line because the order was
 * refunded. `amount` is negative and mirrors the accrual exactly
 * (applyRate is symmetric). If the reversed line was already paid
 * (`alreadyPaid`), the debt is carried into the beneficiary's next statement.
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
