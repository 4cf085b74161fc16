import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { COMMISSION_ENTRY_KINDS } from '@netdirect/contracts';
import { formatMinor } from '../compute/units';
import { LedgerRepository } from '../ledger/ledger.repository';
import { assertMayRead } from './access';
import { checkId } from '../common/ids';

class SkippedView {
  @ApiProperty() memberId: string;
  @ApiProperty() reason: string;
}

class ExplainedEntryView {
  @ApiProperty() entryId: string;
  @ApiProperty({ enum: COMMISSION_ENTRY_KINDS }) kind: string;
  @ApiProperty() periodId: string;
  @ApiProperty({ type: 'integer' }) amountMinor: number;
  @ApiProperty() explanation: string;
}

export class LineExplanationView {
  @ApiProperty() lineId: string;
  @ApiProperty() orderId: string;
  @ApiProperty() orderLineId: string;
  @ApiProperty() beneficiaryId: string;
  @ApiProperty() rule: string;
  @ApiProperty({ type: 'integer', description: '0 for retail margin' }) level: number;
  @ApiProperty() planId: string;
  @ApiProperty({ type: 'integer' }) planVersion: number;
  @ApiProperty({ type: 'integer', description: 'BV in hundredths of a point' }) bv: number;
  @ApiProperty({ type: 'integer' }) baseMinor: number;
  @ApiProperty({ type: 'integer' }) rateBps: number;
  @ApiProperty({ type: 'integer', description: 'Before rank limits and the cap' }) uncappedMinor: number;
  @ApiProperty({ type: 'integer', description: 'As last computed (estimate or close)' }) computedMinor: number;
  @ApiProperty({ type: 'integer' }) breakageMinor: number;
  @ApiPropertyOptional({ type: String, nullable: true }) breakageReason: string | null;
  @ApiProperty({ type: [SkippedView] }) skipped: SkippedView[];
  @ApiProperty({ type: 'integer', description: 'Σ of the entries: what the line pays now' }) netMinor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [ExplainedEntryView] }) entries: ExplainedEntryView[];
  @ApiProperty({ description: 'The whole story in words and numbers' }) text: string;
}

@ApiTags('statements')
@Controller('v1/commission-lines')
export class ExplainLineController {
  constructor(private readonly ledger: LedgerRepository) {}

  @Get(':id/explain')
  @Roles('member', 'finance', 'ops')
  @ApiOperation({ summary: 'Explain a commission line: the arithmetic, the rule, the plan version, the skipped members, the cap and rounding, and every entry.' })
  @ApiParam({ name: 'id', description: 'Commission line id', schema: { type: 'string', minLength: 1, maxLength: 128 } })
  @ApiOkResponse({ type: LineExplanationView })
  @ApiErrors(404)
  async explain(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<LineExplanationView> {
    const entries = (await this.ledger.byLine(checkId(id))).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    if (!entries.length) {
      if (caller.roles.includes('finance') || caller.roles.includes('ops')) throw DomainError.notFound(`No commission line ${id}`);
      throw DomainError.forbidden('A member reads only its own commissions');
    }
    assertMayRead(caller, entries[0].beneficiaryId);
    // A re-credit or a forfeit is a line of its own, with no computed entry: it explains itself.
    const computed = [...entries].reverse().find((e) => e.kind === 'estimate' || e.kind === 'adjustment') ?? entries[entries.length - 1];
    const net = entries.reduce((sum, e) => sum + e.amountMinor, 0);
    const cur = entries[0].currency;
    const computedMinor = entries.filter((e) => e.kind !== 'clawback' && e.periodId === computed.linePeriodId).reduce((s, e) => s + e.amountMinor, 0);
    const text = [
      computed.explanation,
      ...entries.filter((e) => e !== computed && e.kind !== 'estimate').map((e) => e.explanation),
      `In all the line pays ${formatMinor(net, cur)} over ${entries.length} ledger entr${entries.length === 1 ? 'y' : 'ies'}.`,
    ].join(' ');
    return {
      lineId: id,
      orderId: computed.orderId,
      orderLineId: computed.orderLineId,
      beneficiaryId: computed.beneficiaryId,
      rule: computed.rule,
      level: computed.level,
      planId: computed.planId,
      planVersion: computed.planVersion,
      bv: computed.bv,
      baseMinor: computed.baseMinor,
      rateBps: computed.rateBps,
      uncappedMinor: computed.uncappedMinor,
      computedMinor,
      breakageMinor: computed.breakageMinor,
      breakageReason: computed.breakageReason,
      skipped: computed.skipped,
      netMinor: net,
      currency: cur,
      entries: entries.map((e) => ({ entryId: e._id, kind: e.kind, periodId: e.periodId, amountMinor: e.amountMinor, explanation: e.explanation })),
      text,
    };
  }
}
