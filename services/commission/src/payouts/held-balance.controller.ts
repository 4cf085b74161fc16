import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { checkId } from '../common/ids';
import { HELD_BALANCE_DECISIONS, HeldBalanceDecisionKind, HeldBalanceDecisionState } from './held-balance-decision';
import { HeldBalanceService } from './held-balance.service';

export class HeldBalanceDecisionRequest {
  @ApiProperty({ enum: HELD_BALANCE_DECISIONS, description: '`release`: pay the held balance to the payee of record in the next payout batch; `forfeit`: book it to breakage' })
  @IsIn(HELD_BALANCE_DECISIONS, { message: 'decision must be release or forfeit' })
  decision: HeldBalanceDecisionKind;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why (kept with the decision and, for a forfeit, on its ledger entry)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

class HeldBalanceShareView {
  @ApiProperty() partyId: string;
  @ApiProperty({ type: 'integer' }) amountMinor: number;
  @ApiProperty({ type: 'integer' }) entryCount: number;
}

export class HeldBalanceDecisionView {
  @ApiProperty() decisionId: string;
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: HELD_BALANCE_DECISIONS }) decision: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['recording', 'recorded'] }) status: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'integer', description: 'The held balance the decision settles' }) totalMinor: number;
  @ApiProperty({ type: [HeldBalanceShareView], description: 'Per payee party (a transferred position may have had several)' }) shares: HeldBalanceShareView[];
  @ApiProperty({ description: 'The period a forfeit is booked in' }) periodId: string;
  @ApiProperty() decidedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) recordedAt?: Date;

  static of(d: HeldBalanceDecisionState): HeldBalanceDecisionView {
    return {
      decisionId: d._id,
      memberId: d.memberId,
      decision: d.decision,
      reason: d.reason,
      status: d.status,
      currency: d.currency,
      totalMinor: d.totalMinor,
      shares: d.shares.map((s) => ({ partyId: s.partyId, amountMinor: s.amountMinor, entryCount: s.entryIds.length })),
      periodId: d.periodId,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt,
      ...(d.recordedAt ? { recordedAt: d.recordedAt } : {}),
    };
  }
}

export class HeldBalanceView {
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status: string;
  @ApiProperty({ type: 'integer', description: 'Releasable balance held now: until reinstated (suspended) or until ops decide (terminated)' }) heldMinor: number;
  @ApiProperty({ type: String, nullable: true, description: 'Null when nothing is held' }) currency: string | null;
  @ApiProperty({ type: [HeldBalanceShareView], description: 'Per payee party' }) shares: HeldBalanceShareView[];
  @ApiProperty({ type: [HeldBalanceDecisionView], description: 'Ops decisions so far, oldest first' }) decisions: HeldBalanceDecisionView[];
}

@ApiTags('payouts')
@Controller('v1/members/:id/held-balance')
export class HeldBalanceController {
  constructor(private readonly held: HeldBalanceService) {}

  @Get()
  @Roles('ops', 'finance')
  @ApiOperation({ summary: "A member's held balance now (releasable entries a payout holds: suspended until reinstated, terminated until ops decide) and the decisions taken on it." })
  @ApiParam({ name: 'id', description: 'Member id', schema: { type: 'string', minLength: 1, maxLength: 128 } })
  @ApiOkResponse({ type: HeldBalanceView })
  @ApiErrors(404)
  async get(@Param('id') id: string): Promise<HeldBalanceView> {
    const h = await this.held.held(checkId(id));
    return { ...h, shares: h.shares.map((s) => ({ partyId: s.partyId, amountMinor: s.amountMinor, entryCount: s.entryIds.length })), decisions: h.decisions.map((d) => HeldBalanceDecisionView.of(d)) };
  }

  @Post('decision')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary:
      "Ops decide a terminated member's held balance: release it to the payee of record (next payout batch) or forfeit it to breakage (a ledger entry with the reason). The same decision again answers the one recorded.",
  })
  @ApiParam({ name: 'id', description: 'Member id', schema: { type: 'string', minLength: 1, maxLength: 128 } })
  @ApiOkResponse({ type: HeldBalanceDecisionView })
  @ApiErrors(404, 409, 422)
  async decide(@Param('id') id: string, @Body() body: HeldBalanceDecisionRequest, @CurrentPrincipal() caller: Principal): Promise<HeldBalanceDecisionView> {
    return HeldBalanceDecisionView.of(await this.held.decide(checkId(id), body.decision, body.reason, caller.subject));
  }
}
