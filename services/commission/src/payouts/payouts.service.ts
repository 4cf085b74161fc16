import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, derivedId, SERVICE_SETTINGS } from '@netdirect/runtime';
import { CommissionSettings } from '../commission.settings';
import { isPeriodId, periodBounds } from '../compute/period-id';
import { formatMinor } from '../compute/units';
import { LedgerEntryState } from '../ledger/ledger-entry.schema';
import { LedgerRepository } from '../ledger/ledger.repository';
import { NetworkMembersRepository } from '../network-members/network-members.repository';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { PeriodRepository } from '../periods/period.repository';
import { PayeesService } from '../payees/payees.service';
import { ActivePlans } from '../plan/active-plans';
import { PayoutBatch, PayoutBatchState, PayoutPayment } from './payout-batch';
import { PayoutBatchRepository } from './payout-batch.repository';

const DAY_MS = 86_400_000;

/**
 * Payout batches: draft (claim the releasable entries of payees at or above
 * the minimum), approve by a second finance user, issue (PayoutBatchIssued,
 * CommissionReleased per entry), export, and re-credit a payment the bank
 * returned. An entry is in at most one batch: it is claimed by compare-and-set
 * on its `batchId`.
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly batches: PayoutBatchRepository,
    private readonly ledger: LedgerRepository,
    private readonly periods: PeriodRepository,
    private readonly orders: CommissionOrdersRepository,
    private readonly members: NetworkMembersRepository,
    private readonly payees: PayeesService,
    private readonly plans: ActivePlans,
    @Inject(SERVICE_SETTINGS) private readonly settings: CommissionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Which open entries are releasable for a batch of `periodId`: booked in
   * that period or earlier and closed, and either its order completed and the
   * plan's withdrawal period after completion ended, or its line was paid
   * out already (a clawback after payout: the debt carries forward), or it is
   * a re-credit of a returned payment. A line whose order never completes
   * (refunded in full) stays open and nets to zero.
   */
  private async releasable(periodId: string, now: Date): Promise<{ entries: LedgerEntryState[]; held: Map<string, number> }> {
    const { market } = periodBounds(periodId);
    const candidates: LedgerEntryState[] = [];
    for await (const e of this.ledger.open()) if (e.market === market && e.periodId <= periodId) candidates.push(e);
    const statuses = await this.periods.statuses(candidates.map((e) => e.periodId));
    const orders = await this.orders.findMany(candidates.filter((e) => e.kind !== 'payment-returned').map((e) => e.orderId));
    const members = await this.members.findMany(candidates.map((e) => e.beneficiaryId));
    const paidLines = await this.ledger.releasedLines(candidates.map((e) => e.lineId));
    const withdrawal = new Map<string, number>();
    for (const p of new Set(candidates.map((e) => e.linePeriodId))) withdrawal.set(p, (await this.plans.forPeriod(market, p)).payout.withdrawalDays);
    const entries: LedgerEntryState[] = [];
    const held = new Map<string, number>();
    for (const e of candidates) {
      if (statuses.get(e.periodId) === 'open') continue;
      if (e.kind !== 'payment-returned' && !paidLines.has(e.lineId)) {
        const completedAt = orders.get(e.orderId)?.completedAt;
        if (!completedAt) continue;
        if (Date.parse(completedAt) + (withdrawal.get(e.linePeriodId) ?? 0) * DAY_MS > now.getTime()) continue;
      }
      const status = members.get(e.beneficiaryId)?.status ?? 'active';
      if (status !== 'active') {
        held.set(e.payeePartyId, (held.get(e.payeePartyId) ?? 0) + e.amountMinor);
        continue;
      }
      entries.push(e);
    }
    return { entries, held };
  }

  async draft(periodId: string, by: string): Promise<PayoutBatchState> {
    if (!isPeriodId(periodId)) throw DomainError.invalid('periodId', 'must look like DE-2026-11 (market, year, month)');
    const status = (await this.periods.statuses([periodId])).get(periodId);
    if (status === 'open') throw DomainError.rule('periodId', `period ${periodId} must be closed before its payout`);
    const existing = await this.batches.ofPeriod(periodId);
    const pending = existing.find((b) => b.status !== 'issued');
    if (pending) throw DomainError.conflict(`batch ${pending._id} of ${periodId} is ${pending.status}; issue it first`);
    const now = this.clock.now();
    const { entries, held } = await this.releasable(periodId, now);

    const byPayee = new Map<string, LedgerEntryState[]>();
    for (const e of entries) byPayee.set(e.payeePartyId, [...(byPayee.get(e.payeePartyId) ?? []), e]);
    const details = await this.payees.open([...byPayee.keys()]);
    const payments: PayoutPayment[] = [];
    const missingDetails: string[] = [];
    let carriedForwardMinor = 0;
    for (const [partyId, list] of [...byPayee].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const balance = list.reduce((sum, e) => sum + e.amountMinor, 0);
      if (balance < 0) carriedForwardMinor += -balance;
      if (balance < this.settings.COMMISSION_PAYOUT_MINIMUM) continue;
      const d = details.get(partyId);
      if (!d) {
        missingDetails.push(partyId);
        continue;
      }
      payments.push({ partyId, name: d.accountHolder, amountMinor: balance, entryIds: list.map((e) => e._id), beneficiaryIds: [...new Set(list.map((e) => e.beneficiaryId))], status: 'pending' });
    }
    const batchId = `pb-${periodId}-${existing.length + 1}`;
    const ids = payments.flatMap((p) => p.entryIds);
    const claimed = await this.ledger.claim(ids, batchId);
    if (claimed !== ids.length) {
      await this.ledger.unclaim(ids, batchId);
      throw DomainError.conflict(`another payout took some of these entries meanwhile; draft again`);
    }
    const state: PayoutBatchState = {
      _id: batchId,
      periodId,
      currency: entries[0]?.currency ?? this.settings.COMMISSION_CURRENCY,
      status: 'draft',
      payments,
      totalMinor: payments.reduce((sum, p) => sum + p.amountMinor, 0),
      carriedForwardMinor,
      heldMinor: [...held.values()].reduce((sum, v) => sum + v, 0),
      missingDetails,
      draftedBy: by,
      draftedAt: now,
      seq: 0,
    };
    if (!(await this.batches.insert(state, []))) {
      await this.ledger.unclaim(ids, batchId);
      throw DomainError.conflict(`batch ${batchId} was drafted meanwhile`);
    }
    return state;
  }

  approve(batchId: string, by: string): Promise<PayoutBatchState> {
    return this.batches.change(batchId, (b) => PayoutBatch.from(b).approve(by, this.clock.now()));
  }

  /** Issue, then release every entry the batch pays (CommissionReleased); issuing again finishes an interrupted release. */
  async issue(batchId: string): Promise<PayoutBatchState> {
    const now = this.clock.now();
    const batch = await this.batches.change(batchId, (b) => PayoutBatch.from(b).issue(now));
    for (const e of await this.ledger.ofBatch(batchId)) if (!e.releasedAt) await this.ledger.release(e, batch.issuedAt ?? now);
    return batch;
  }

  /** The bank returned a payment: mark it and re-credit the payee with one entry (its id derived from batch and payee). */
  async paymentReturned(batchId: string, partyId: string, reason: string): Promise<PayoutBatchState> {
    const now = this.clock.now();
    const batch = await this.batches.change(batchId, (b) => PayoutBatch.from(b).paymentReturned(partyId, reason, now));
    const p = batch.payments.find((x) => x.partyId === partyId)!;
    const first = await this.ledger.find(p.entryIds[0]);
    const id = `ret_${derivedId('payment-returned', batchId, partyId).replace(/-/g, '')}`;
    await this.ledger.insert(
      [
        {
          _id: id,
          lineId: id,
          kind: 'payment-returned',
          orderId: batchId,
          orderLineId: partyId,
          linePeriodId: batch.periodId,
          periodId: batch.periodId,
          market: periodBounds(batch.periodId).market,
          currency: batch.currency,
          beneficiaryId: p.beneficiaryIds[0],
          payeePartyId: partyId,
          sourceMemberId: p.beneficiaryIds[0],
          rule: 'payment-returned',
          level: 0,
          bv: 0,
          baseMinor: 0,
          rateBps: 0,
          uncappedMinor: p.amountMinor,
          amountMinor: p.amountMinor,
          breakageMinor: 0,
          breakageReason: null,
          skipped: [],
          planId: first?.planId ?? 'none',
          planVersion: first?.planVersion ?? 1,
          explanation: `The bank returned the payment of ${formatMinor(p.amountMinor, batch.currency)} in batch ${batchId} (${reason}); the amount is credited back to the balance for the next batch.`,
          createdAt: now,
          returnedFromBatchId: batchId,
          batchId: null,
        },
      ],
      now,
    );
    return batch;
  }

  /** CSV of an approved or issued batch: one row per payment with the payee's name and bank details (opened here only). */
  async exportCsv(batchId: string): Promise<string> {
    const batch = await this.batches.get(batchId);
    if (batch.status === 'draft') throw DomainError.rule('status', `batch ${batchId} must be approved before it is exported`);
    const details = await this.payees.open(batch.payments.map((p) => p.partyId));
    const cell = (v: string | number | null) => {
      const s = v === null ? '' : String(v);
      return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s;
    };
    const rows = [['batchId', 'partyId', 'name', 'iban', 'bic', 'taxId', 'amountMinor', 'currency'].join(',')];
    for (const p of batch.payments) {
      const d = details.get(p.partyId);
      rows.push([batchId, p.partyId, d?.accountHolder ?? p.name, d?.iban ?? '', d?.bic ?? null, d?.taxId ?? null, p.amountMinor, batch.currency].map(cell).join(','));
    }
    return rows.join('\r\n') + '\r\n';
  }
}
