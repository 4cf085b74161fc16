import { Injectable } from '@nestjs/common';
import { periodBounds } from '../compute/period-id';
import { LedgerEntryState } from '../ledger/ledger-entry.schema';
import { LedgerRepository } from '../ledger/ledger.repository';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { PeriodRepository } from '../periods/period.repository';
import { ActivePlans } from '../plan/active-plans';
import { HeldBalanceDecisions } from './held-balance-decisions.repository';

const DAY_MS = 86_400_000;

/** Open entries sorted for a payout: paid now, or held (and why). */
export interface ReleasableSplit {
  payable: LedgerEntryState[];
  /** Releasable, but the member is suspended: held until it is reinstated. */
  suspended: LedgerEntryState[];
  /** Releasable, but the member is terminated: held for an ops decision (release or forfeit). */
  terminated: LedgerEntryState[];
}

/**
 * Which open entries (in no batch) are releasable: booked in a closed period
 * and either its order completed and the plan's withdrawal period after
 * completion ended, or its line was paid out already (a clawback after
 * payout: the debt carries forward), or it is a re-credit of a returned
 * payment. A line whose order never completes (refunded in full) stays open
 * and nets to zero. A releasable entry of a suspended member is held until it
 * is reinstated; of a terminated member, until ops decide: a `release`
 * decision lists the entries it lets through to the payee of record.
 */
@Injectable()
export class ReleasableEntries {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly periods: PeriodRepository,
    private readonly orders: CommissionOrdersRepository,
    private readonly members: NetworkMembersRepository,
    private readonly plans: ActivePlans,
    private readonly decisions: HeldBalanceDecisions,
  ) {}

  /** The open entries of a market's periods up to `periodId` (a payout draft), streamed once. */
  async upTo(periodId: string, now: Date): Promise<ReleasableSplit> {
    const { market } = periodBounds(periodId);
    const candidates: LedgerEntryState[] = [];
    for await (const e of this.ledger.open()) if (e.market === market && e.periodId <= periodId) candidates.push(e);
    return this.split(candidates, now);
  }

  /** The open entries of one member (a held-balance decision). */
  async ofMember(memberId: string, now: Date): Promise<ReleasableSplit> {
    return this.split((await this.ledger.ofBeneficiary(memberId)).filter((e) => e.batchId === null), now);
  }

  private async split(candidates: LedgerEntryState[], now: Date): Promise<ReleasableSplit> {
    const statuses = await this.periods.statuses(candidates.map((e) => e.periodId));
    const commissionLines = candidates.filter((e) => e.kind !== 'payment-returned');
    const orders = await this.orders.findMany(commissionLines.map((e) => e.orderId));
    const members = await this.members.findMany(candidates.map((e) => e.beneficiaryId));
    const paidLines = await this.ledger.releasedLines(commissionLines.map((e) => e.lineId));
    const withdrawal = new Map<string, number>();
    for (const e of commissionLines) {
      if (withdrawal.has(e.linePeriodId)) continue;
      withdrawal.set(e.linePeriodId, (await this.plans.forPeriod(e.market, e.linePeriodId)).payout.withdrawalDays);
    }
    const terminatedIds = [...members.values()].filter((m) => m.status === 'terminated').map((m) => m._id);
    const released = await this.decisions.releasedEntryIds(terminatedIds);
    const out: ReleasableSplit = { payable: [], suspended: [], terminated: [] };
    for (const e of candidates) {
      if (statuses.get(e.periodId) === 'open') continue;
      if (e.kind !== 'payment-returned' && !paidLines.has(e.lineId)) {
        const completedAt = orders.get(e.orderId)?.completedAt;
        if (!completedAt) continue;
        if (Date.parse(completedAt) + (withdrawal.get(e.linePeriodId) ?? 0) * DAY_MS > now.getTime()) continue;
      }
      const status = members.get(e.beneficiaryId)?.status ?? 'active';
      if (status === 'suspended') out.suspended.push(e);
      else if (status === 'terminated' && !released.has(e._id)) out.terminated.push(e);
      else out.payable.push(e);
    }
    return out;
  }
}
