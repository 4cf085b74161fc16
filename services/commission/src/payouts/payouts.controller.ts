import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PAYOUT_BATCH_STATUSES, PayoutBatchState } from './payout-batch';
import { PayoutBatchRepository } from './payout-batch.repository';
import { PayoutsService } from './payouts.service';
import { checkId } from '../common/ids';

export class DraftPayoutRequest {
  @ApiProperty({ description: 'The closed period to pay, `<market>-<YYYY-MM>`', pattern: '^[A-Z]{2}-\\d{4}-(0[1-9]|1[0-2])$' })
  @Matches(/^[A-Z]{2}-\d{4}-(0[1-9]|1[0-2])$/, { message: 'periodId must look like DE-2026-11' })
  periodId: string;
}

export class PaymentReturnedRequest {
  @ApiProperty({ minLength: 1, maxLength: 500, description: "The bank's reason" })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

class PayoutPaymentView {
  @ApiProperty() partyId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) amountMinor: number;
  @ApiProperty({ type: [String] }) beneficiaryIds: string[];
  @ApiProperty({ type: 'integer' }) entryCount: number;
  @ApiProperty({ enum: ['pending', 'paid', 'returned'] }) status: string;
}

export class PayoutBatchView {
  @ApiProperty() batchId: string;
  @ApiProperty() periodId: string;
  @ApiProperty({ enum: PAYOUT_BATCH_STATUSES }) status: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'integer' }) totalMinor: number;
  @ApiProperty({ type: 'integer', description: 'Negative balances left open for later batches, as a positive amount' }) carriedForwardMinor: number;
  @ApiProperty({ type: 'integer', description: 'Releasable balances held (suspended or terminated members)' }) heldMinor: number;
  @ApiProperty({ type: [String], description: 'Payees at or above the minimum with no payee details on file' }) missingDetails: string[];
  @ApiProperty({ type: [PayoutPaymentView] }) payments: PayoutPaymentView[];
  @ApiProperty() draftedBy: string;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) issuedAt?: Date;

  static of(b: PayoutBatchState): PayoutBatchView {
    return {
      batchId: b._id,
      periodId: b.periodId,
      status: b.status,
      currency: b.currency,
      totalMinor: b.totalMinor,
      carriedForwardMinor: b.carriedForwardMinor,
      heldMinor: b.heldMinor,
      missingDetails: b.missingDetails,
      payments: b.payments.map((p) => ({ partyId: p.partyId, name: p.name, amountMinor: p.amountMinor, beneficiaryIds: p.beneficiaryIds, entryCount: p.entryIds.length, status: p.status })),
      draftedBy: b.draftedBy,
      ...(b.approvedBy ? { approvedBy: b.approvedBy } : {}),
      ...(b.issuedAt ? { issuedAt: b.issuedAt } : {}),
    };
  }
}

const BATCH_PARAM = { name: 'id', description: 'Payout batch id', schema: { type: 'string' as const, minLength: 1, maxLength: 128 } };

@ApiTags('payouts')
@Controller('v1/payout-batches')
export class PayoutsController {
  constructor(
    private readonly payouts: PayoutsService,
    private readonly batches: PayoutBatchRepository,
  ) {}

  @Post()
  @Roles('finance')
  @ApiOperation({ summary: "Draft the payout batch of a closed period: every payee whose releasable balance reaches the minimum; negative balances carry forward." })
  @ApiCreatedResponse({ type: PayoutBatchView })
  @ApiErrors(409, 422)
  async draft(@Body() body: DraftPayoutRequest, @CurrentPrincipal() caller: Principal): Promise<PayoutBatchView> {
    return PayoutBatchView.of(await this.payouts.draft(body.periodId, caller.subject));
  }

  @Get(':id')
  @Roles('finance', 'ops')
  @ApiOperation({ summary: 'A payout batch with its payments.' })
  @ApiParam(BATCH_PARAM)
  @ApiOkResponse({ type: PayoutBatchView })
  @ApiErrors(404)
  async get(@Param('id') id: string): Promise<PayoutBatchView> {
    return PayoutBatchView.of(await this.batches.get(checkId(id)));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Approve a drafted batch: a second finance user, never the one who drafted it.' })
  @ApiParam(BATCH_PARAM)
  @ApiOkResponse({ type: PayoutBatchView })
  @ApiErrors(404, 409, 422)
  async approve(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<PayoutBatchView> {
    return PayoutBatchView.of(await this.payouts.approve(checkId(id), caller.subject));
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Issue an approved batch: PayoutBatchIssued, and CommissionReleased for every entry it pays.' })
  @ApiParam(BATCH_PARAM)
  @ApiOkResponse({ type: PayoutBatchView })
  @ApiErrors(404, 409, 422)
  async issue(@Param('id') id: string): Promise<PayoutBatchView> {
    return PayoutBatchView.of(await this.payouts.issue(checkId(id)));
  }

  @Get(':id/export.csv')
  @Roles('finance')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "The bank file of an approved or issued batch: each payee's name, bank details and amount." })
  @ApiParam(BATCH_PARAM)
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors(404, 422)
  exportCsv(@Param('id') id: string): Promise<string> {
    return this.payouts.exportCsv(checkId(id));
  }

  @Post(':id/payments/:partyId/returned')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'The bank returned a payment: the payee is credited back for the next batch.' })
  @ApiParam(BATCH_PARAM)
  @ApiParam({ name: 'partyId', description: 'The payee', schema: { type: 'string', minLength: 1, maxLength: 128 } })
  @ApiOkResponse({ type: PayoutBatchView })
  @ApiErrors(404, 409, 422)
  async returned(@Param('id') id: string, @Param('partyId') partyId: string, @Body() body: PaymentReturnedRequest): Promise<PayoutBatchView> {
    return PayoutBatchView.of(await this.payouts.paymentReturned(checkId(id), checkId(partyId, 'partyId'), body.reason));
  }
}
