import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, derivedId, SERVICE_SETTINGS } from '@netdirect/runtime';
import { CommissionSettings } from '../commission.settings';
import { isPeriodId, periodBounds } from '../compute/period-id';
import { formatMinor } from '../compute/units';
import { LedgerEntryState } from '../ledger/ledger-entry.schema';
import { LedgerRepository } from '../ledger/ledger.repository';
import { PeriodRepository } from '../periods/period.repository';
import { PayeesService } from '../payees/payees.service';
import { PayoutBatch, PayoutBatchState, PayoutPayment } from './payout-batch';
import { PayoutBatchRepository } from './payout-batch.repository';
import { PayoutFaults } from './payout-faults';
import { ReleasableEntries } from './releasable-entries';

/**
 * Payout batches: draft (claim the releasable entries of payees at or above
 * the minimum), approve by a second finance user, issue (PayoutBatchIssued,
 * CommissionReleased per entry), export, and re-credit a payment the bank
 * returned. An entry is in at most one batch: it is claimed by compare-and-set
 * on its `batchId`.
 *
 * A draft writes several documents in turn, so a crash can stop it anywhere:
 * the batch is written first (`drafting`, under a lease, with the entries it
 * will pay), then the entries are claimed, then the batch becomes a `draft`.
 * A draft of the period after the lease has run out finishes a dead one (its
 * claims are idempotent) or, if another batch took one of its entries
 * meanwhile, gives its claims back and discards it; nothing is stranded and
 * nothing is claimed twice. Issuing again after a crash releases what is
 * left, each entry once (its release is a compare-and-set with its event).
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly batches: PayoutBatchRepository,
    private readonly ledger: LedgerRepository,
    private readonly periods: PeriodRepository,
    private readonly releasable: ReleasableEntries,
    private readonly payees: PayeesService,
    private readonly faults: PayoutFaults,
    @Inject(SERVICE_SETTINGS) private readonly settings: CommissionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async draft(periodId: string, by: string): Promise<PayoutBatchState> {
    if (!isPeriodId(periodId)) throw DomainError.invalid('periodId', 'must look like DE-2026-11 (market, year, month)');
    const status = (await this.periods.statuses([periodId])).get(periodId);
    if (status === 'open') throw DomainError.rule('periodId', `period ${periodId} must be closed before its payout`);
    let existing = await this.batches.ofPeriod(periodId);
    const dead = existing.find((b) => b.status === 'drafting');
    if (dead) {
      const finished = await this.resume(dead);
      if (finished) return finished;
      existing = await this.batches.ofPeriod(periodId);
    }
    const pending = existing.find((b) => b.status === 'draft' || b.status === 'approved');
    if (pending) throw DomainError.conflict(`batch ${pending._id} of ${periodId} is ${pending.status}; issue it first`);
    const now = this.clock.now();
    const { payable, suspended, terminated } = await this.releasable.upTo(periodId, now);

    const byPayee = new Map<string, LedgerEntryState[]>();
    for (const e of payable) byPayee.set(e.payeePartyId, [...(byPayee.get(e.payeePartyId) ?? []), e]);
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
    const state: PayoutBatchState = {
      _id: `pb-${periodId}-${existing.length + 1}`,
      periodId,
      currency: payable[0]?.currency ?? this.settings.COMMISSION_CURRENCY,
      status: 'drafting',
      payments,
      totalMinor: payments.reduce((sum, p) => sum + p.amountMinor, 0),
      carriedForwardMinor,
      heldMinor: [...suspended, ...terminated].reduce((sum, e) => sum + e.amountMinor, 0),
      missingDetails,
      draftedBy: by,
      draftedAt: now,
      draftLeaseUntil: new Date(now.getTime() + this.settings.COMMISSION_PAYOUT_DRAFT_LEASE_MS),
      seq: 0,
    };
    if (!(await this.batches.insert(state, []))) throw DomainError.conflict(`batch ${state._id} was drafted meanwhile`);
    this.faults.at('draft:after-insert');
    const drafted = await this.finish(state);
    if (!drafted) throw DomainError.conflict('another payout took some of these entries meanwhile; draft again');
    return drafted;
  }

  /** A draft whose drafter died: take it over once its lease has run out, then finish or discard it. */
  private async resume(dead: PayoutBatchState): Promise<PayoutBatchState | null> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.settings.COMMISSION_PAYOUT_DRAFT_LEASE_MS);
    const taken = await this.batches.change(dead._id, (b) => PayoutBatch.from(b).takeOver(now, leaseUntil), 1);
    return this.finish(taken);
  }

  /**
   * Claim every entry the drafting batch pays (again, after a crash: a claim
   * by the same batch is a no-op) and make it a draft; if another batch holds
   * one of them, give the claims back and discard it (null). The last write
   * is a compare-and-set on the seq this drafter holds, so a drafter whose
   * batch was taken over meanwhile changes nothing.
   */
  private async finish(b: PayoutBatchState): Promise<PayoutBatchState | null> {
    const ids = b.payments.flatMap((p) => p.entryIds);
    await this.ledger.claim(ids, b._id);
    this.faults.at('draft:after-claim');
    const mine = new Set((await this.ledger.ofBatch(b._id)).map((e) => e._id));
    const held = ids.filter((id) => mine.has(id)).length;
    if (held === ids.length) {
      const change = PayoutBatch.from(b).drafted();
      if (change instanceof DomainError) throw change;
      if (change && !(await this.batches.apply(change))) throw DomainError.conflict(`batch ${b._id} was taken over by another draft meanwhile`);
      return this.batches.get(b._id);
    }
    await this.ledger.unclaim(ids, b._id);
    const change = PayoutBatch.from(b).discard(`${ids.length - held} of its ${ids.length} entries were claimed by another batch first`);
    if (change instanceof DomainError) throw change;
    if (change && !(await this.batches.apply(change))) throw DomainError.conflict(`batch ${b._id} was taken over by another draft meanwhile`);
    return null;
  }

  approve(batchId: string, by: string): Promise<PayoutBatchState> {
    return this.batches.change(batchId, (b) => PayoutBatch.from(b).approve(by, this.clock.now()));
  }

  /** Issue, then release every entry the batch pays (CommissionReleased); issuing again finishes an interrupted release. */
  async issue(batchId: string): Promise<PayoutBatchState> {
    const now = this.clock.now();
    const batch = await this.batches.change(batchId, (b) => PayoutBatch.from(b).issue(now));
    this.faults.at('issue:after-batch');
    for (const e of await this.ledger.ofBatch(batchId)) {
      if (e.releasedAt) continue;
      await this.ledger.release(e, batch.issuedAt ?? now);
      this.faults.at('issue:after-first-release');
    }
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
    if (batch.status !== 'approved' && batch.status !== 'issued') throw DomainError.rule('status', `batch ${batchId} is ${batch.status}: it must be approved before it is exported`);
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
