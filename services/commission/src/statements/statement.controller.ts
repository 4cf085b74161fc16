import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IsOptional, Matches } from 'class-validator';
import { COMMISSION_ENTRY_KINDS } from '@netdirect/contracts';
import { LedgerRepository } from '../ledger/ledger.repository';
import { HeldBalanceDecisionView } from '../payouts/held-balance.controller';
import { HeldBalanceDecisions } from '../payouts/held-balance-decisions.repository';
import { PeriodRepository } from '../periods/period.repository';
import { assertMayRead } from './access';
import { checkId } from '../common/ids';

export class StatementQuery {
  @ApiPropertyOptional({ description: 'Only entries booked in this period, `<market>-<YYYY-MM>`', pattern: '^[A-Z]{2}-\\d{4}-(0[1-9]|1[0-2])$' })
  @IsOptional()
  @Matches(/^[A-Z]{2}-\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must look like DE-2026-11' })
  period?: string;
}

class StatementEntryView {
  @ApiProperty() entryId: string;
  @ApiProperty() lineId: string;
  @ApiProperty({ enum: COMMISSION_ENTRY_KINDS }) kind: string;
  @ApiProperty() periodId: string;
  @ApiProperty({ enum: ['estimate', 'final'], description: 'final once its period is closed' }) status: 'estimate' | 'final';
  @ApiProperty() orderId: string;
  @ApiProperty() orderLineId: string;
  @ApiProperty() rule: string;
  @ApiProperty({ type: 'integer' }) level: number;
  @ApiProperty({ type: 'integer' }) bv: number;
  @ApiProperty({ type: 'integer' }) rateBps: number;
  @ApiProperty({ type: 'integer' }) amountMinor: number;
  @ApiProperty() payeePartyId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) batchId: string | null;
  @ApiProperty() released: boolean;
  @ApiProperty() explanation: string;
}

export class StatementView {
  @ApiProperty() memberId: string;
  @ApiPropertyOptional() periodId?: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'integer', description: 'Σ of the entries' }) totalMinor: number;
  @ApiProperty({ type: 'integer', description: 'Σ of entries in open periods (estimates)' }) estimatedMinor: number;
  @ApiProperty({ type: 'integer', description: 'Σ of entries in closed periods' }) finalMinor: number;
  @ApiProperty({ type: 'integer', description: 'Σ of entries paid out' }) releasedMinor: number;
  @ApiProperty({ type: [StatementEntryView] }) entries: StatementEntryView[];
  @ApiProperty({ type: [HeldBalanceDecisionView], description: "Ops decisions on the member's held balance once it was terminated (release or forfeit), oldest first" })
  heldBalanceDecisions: HeldBalanceDecisionView[];
}

@ApiTags('statements')
@Controller('v1/members/:id/commissions')
export class StatementController {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly periods: PeriodRepository,
    private readonly decisions: HeldBalanceDecisions,
  ) {}

  @Get()
  @Roles('member', 'finance', 'ops')
  @ApiOperation({ summary: "A member's statement: its commission entries (estimates at once, final after the close, adjustments, clawbacks), with totals." })
  @ApiParam({ name: 'id', description: 'Member id', schema: { type: 'string', minLength: 1, maxLength: 128 } })
  @ApiOkResponse({ type: StatementView })
  @ApiErrors()
  async get(@Param('id') id: string, @Query() query: StatementQuery, @CurrentPrincipal() caller: Principal): Promise<StatementView> {
    assertMayRead(caller, checkId(id));
    const all = await this.ledger.ofBeneficiary(id);
    const entries = all.filter((e) => !query.period || e.periodId === query.period).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a._id < b._id ? -1 : 1));
    const statuses = await this.periods.statuses(entries.map((e) => e.periodId));
    const view: StatementView = { memberId: id, ...(query.period ? { periodId: query.period } : {}), currency: entries[0]?.currency ?? 'EUR', totalMinor: 0, estimatedMinor: 0, finalMinor: 0, releasedMinor: 0, entries: [], heldBalanceDecisions: [] };
    for (const e of entries) {
      const status = statuses.get(e.periodId) === 'open' ? 'estimate' : 'final';
      view.totalMinor += e.amountMinor;
      if (status === 'estimate') view.estimatedMinor += e.amountMinor;
      else view.finalMinor += e.amountMinor;
      if (e.releasedAt) view.releasedMinor += e.amountMinor;
      view.entries.push({ entryId: e._id, lineId: e.lineId, kind: e.kind, periodId: e.periodId, status, orderId: e.orderId, orderLineId: e.orderLineId, rule: e.rule, level: e.level, bv: e.bv, rateBps: e.rateBps, amountMinor: e.amountMinor, payeePartyId: e.payeePartyId, batchId: e.batchId, released: Boolean(e.releasedAt), explanation: e.explanation });
    }
    view.heldBalanceDecisions = (await this.decisions.ofMember(id)).map((d) => HeldBalanceDecisionView.of(d));
    return view;
  }
}
