import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, derivedId, SERVICE_CONFIG, SERVICE_SETTINGS, ServiceConfig } from '@netdirect/runtime';
import { CommissionSettings } from '../commission.settings';
import { computePeriodColumns } from '../compute/compute-period';
import type { CommissionRule, ComputedLine } from '../compute/model';
import { isPeriodId } from '../compute/period-id';
import { formatMinor } from '../compute/units';
import { entryOf } from '../ledger/accrue-order.service';
import { LedgerEntryState } from '../ledger/ledger-entry.schema';
import { ClosingEntry, LedgerRepository } from '../ledger/ledger.repository';
import { ownerAt } from '../network-members/network-member.schema';
import { ActivePlans } from '../plan/active-plans';
import { Period, PeriodState } from './period';
import { PeriodInputsReader } from './period-inputs.reader';
import { PeriodRepository } from './period.repository';
import { StandingsRepository } from './standings.repository';

/** What the ledger holds for one line in its own period. */
interface Held {
  beneficiaryId: string;
  rule: string;
  amountMinor: number;
  sample: ClosingEntry;
  /** A final line of this close matched it. */
  matched: boolean;
}

/** Events per outbox document when a close writes adjustments (about 1.5 KB each: one Kafka send of ~150 KB). */
const ADJUSTMENTS_PER_CARRIER = 100;

const orderLineKey = (orderId: string, orderLineId: string) => `${orderId}\u0000${orderLineId}`;

/**
 * Close (or close again) a period: read its inputs once, compute it in
 * memory with final PV, GV, ranks and the cap, and write only differences:
 * per line, an adjustment entry for `final − what the ledger holds in the
 * period` (estimates, clawbacks booked while it was open, earlier
 * adjustments); per member, a standing that changed (RankAchieved). The same
 * inputs therefore write nothing the second time. CommissionPeriodClosed.
 */
@Injectable()
export class ClosePeriodService {
  constructor(
    private readonly periods: PeriodRepository,
    private readonly inputs: PeriodInputsReader,
    private readonly ledger: LedgerRepository,
    private readonly standings: StandingsRepository,
    private readonly plans: ActivePlans,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_SETTINGS) private readonly settings: CommissionSettings,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    if (settings.COMMISSION_CLOSE_BEFORE_PERIOD_END === 'allow' && config.env === 'production')
      throw new Error('COMMISSION_CLOSE_BEFORE_PERIOD_END=allow is refused in production: a period closes once it has ended');
  }

  async close(periodId: string, by: string): Promise<PeriodState> {
    if (!isPeriodId(periodId)) throw DomainError.invalid('periodId', 'must look like DE-2026-11 (market, year, month)');
    await this.periods.ensure(periodId);
    const started = await this.periods.change(periodId, (p) => Period.from(p).startClose(this.clock.now(), this.settings.COMMISSION_CLOSE_BEFORE_PERIOD_END));
    const run = started.closeRuns;

    const t0 = performance.now();
    const input = await this.inputs.readFull(periodId);
    const tLedger = performance.now();
    // What the ledger holds per order line, by (beneficiary, rule): a line's id derives from
    // (order, order line, beneficiary, rule), so the final lines are compared without hashing
    // their ids, and only a line that differs is built (with its id) for its adjustment.
    const held = new Map<string, Held[]>();
    for await (const e of this.ledger.ofLinePeriod(periodId)) {
      if (e.periodId !== periodId || e.kind === 'payment-returned' || e.kind === 'held-balance-forfeited') continue; // booked after the close, in a later period; or not a commission line
      const key = orderLineKey(e.orderId, e.orderLineId);
      let group = held.get(key);
      if (!group) held.set(key, (group = []));
      const h = group.find((x) => x.beneficiaryId === e.beneficiaryId && x.rule === e.rule);
      if (h) h.amountMinor += e.amountMinor;
      else group.push({ beneficiaryId: e.beneficiaryId, rule: e.rule, amountMinor: e.amountMinor, sample: e, matched: false });
    }
    const t1 = performance.now();
    const plan = await this.plans.forPeriod(input.market, periodId);
    const { networkMembers, orders, ...pure } = input;
    const result = computePeriodColumns({ ...pure, plan });
    const t2 = performance.now();

    const now = this.clock.now();
    const adjustments: LedgerEntryState[] = [];
    const adjust = (line: ComputedLine, diff: number, why: string) => {
      const order = orders.get(line.orderId)!;
      const member = networkMembers.get(line.beneficiaryId);
      const payeePartyId = member ? ownerAt(member, order.paidAt!) : line.beneficiaryId;
      const entry = entryOf(line, { order, plan, payeePartyId, at: now }, {
        _id: `adj_${derivedId('adjustment', line.lineId, String(run)).replace(/-/g, '')}`,
        kind: 'adjustment',
        periodId,
        amountMinor: diff,
        closeRun: run,
      });
      entry.explanation = `${why} ${entry.explanation}`.slice(0, 1000);
      adjustments.push(entry);
    };
    let totalPayoutMinor = 0;
    const beneficiaries = new Set<string>();
    let lastOrderLine = -1;
    let group: Held[] | undefined;
    for (let i = 0; i < result.lineCount; i++) {
      const ol = result.orderLineOf(i);
      if (ol !== lastOrderLine) {
        lastOrderLine = ol;
        group = held.get(orderLineKey(pure.lines[ol].orderId, pure.lines[ol].orderLineId));
      }
      const beneficiaryId = result.beneficiaryOf(i);
      const rule = result.ruleOf(i);
      const amount = result.amountOf(i);
      totalPayoutMinor += amount;
      if (amount !== 0) beneficiaries.add(beneficiaryId);
      const h = group?.find((x) => x.beneficiaryId === beneficiaryId && x.rule === rule);
      if (h) h.matched = true;
      const diff = amount - (h?.amountMinor ?? 0);
      if (diff !== 0)
        adjust(result.line(i), diff, `Close of ${periodId}: the final line pays ${formatMinor(amount, input.currency)}, the ledger held ${formatMinor(h?.amountMinor ?? 0, input.currency)}, adjusted by ${formatMinor(diff, input.currency)}.`);
    }
    for (const g of held.values())
      for (const h of g) {
        if (h.matched || h.amountMinor === 0) continue;
        const s = h.sample;
        const gone: ComputedLine = { lineId: s.lineId, orderId: s.orderId, orderLineId: s.orderLineId, beneficiaryId: s.beneficiaryId, rule: s.rule as CommissionRule, level: s.level, bv: s.bv, baseMinor: s.baseMinor, rateBps: s.rateBps, uncappedMinor: 0, amountMinor: 0, breakageMinor: 0, breakageReason: null, skipped: [] };
        if (!orders.has(s.orderId)) continue;
        adjust(gone, -h.amountMinor, `Close of ${periodId}: the final computation pays nothing on this line (final PV, GV and ranks), so the ${formatMinor(h.amountMinor, input.currency)} held is reversed.`);
      }
    // A close may write thousands of adjustments: their CommissionAccrued events ride in chunks on
    // the chunk's first entry (one outbox document and one relay claim and clear per chunk, not per
    // entry, so the relay does not compete with the rest of the close entry by entry). Adjustment ids
    // carry the close run, so no carrier is ever a duplicate whose events would be dropped.
    for (let i = 0; i < adjustments.length; i += ADJUSTMENTS_PER_CARRIER) {
      const chunk = adjustments.slice(i, i + ADJUSTMENTS_PER_CARRIER);
      await this.ledger.insertWithEventsOnFirst(chunk, chunk.map((e) => this.ledger.eventOf(e, now)));
    }

    const lastClosed = await this.periods.lastClosed(input.market);
    const previous = lastClosed && lastClosed < periodId ? await this.standings.ofMembers(lastClosed, result.standings.filter((s) => s.rank).map((s) => s.memberId)) : new Map();
    const standingsWritten = await this.standings.write(periodId, result.standings, { planId: plan.planId, version: plan.version }, (m) => previous.get(m)?.rank ?? null, now);
    const t3 = performance.now();

    return this.periods.change(periodId, (p) =>
      Period.from(p).finishClose({
        run,
        planId: plan.planId,
        planVersion: plan.version,
        totalBv: input.lines.reduce((sum, l) => sum + l.bv, 0),
        baseMinor: result.totals.baseMinor,
        totalPayoutMinor,
        breakageMinor: result.totals.breakageMinor,
        capMinor: result.totals.capMinor,
        lineCount: result.lineCount,
        adjustmentsWritten: adjustments.length,
        standingsWritten,
        statementCount: beneficiaries.size,
        closedBy: by,
        closedAt: now,
        currency: input.currency,
        timings: { readMs: Math.round(t1 - t0), readLedgerMs: Math.round(t1 - tLedger), computeMs: Math.round(t2 - t1), writeMs: Math.round(t3 - t2) },
      }),
    );
  }

  async lock(periodId: string, by: string): Promise<PeriodState> {
    if (!isPeriodId(periodId)) throw DomainError.invalid('periodId', 'must look like DE-2026-11 (market, year, month)');
    if (!(await this.periods.find(periodId))) throw DomainError.rule('status', `period ${periodId} must be closed before it is locked`);
    return this.periods.change(periodId, (p) => Period.from(p).lock(by, this.clock.now()));
  }
}
