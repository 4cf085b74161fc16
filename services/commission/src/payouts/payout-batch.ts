import { PayoutBatchIssued } from '@netdirect/contracts';
import { Change, derivedId, DomainError, domainEvent } from '@netdirect/runtime';

/**
 * `drafting`: written first, before any entry is claimed, under a lease; the
 * draft becomes `draft` once every entry it pays is claimed, or `discarded`
 * (its claims given back) when another batch took one first.
 */
export const PAYOUT_BATCH_STATUSES = ['drafting', 'draft', 'approved', 'issued', 'discarded'] as const;
export type PayoutBatchStatus = (typeof PAYOUT_BATCH_STATUSES)[number];

/** One payee's payment in a batch: the sum of the entries it releases. */
export interface PayoutPayment {
  partyId: string;
  name: string;
  amountMinor: number;
  entryIds: string[];
  beneficiaryIds: string[];
  status: 'pending' | 'paid' | 'returned';
  returnedAt?: Date;
  returnReason?: string;
}

/**
 * A payout batch (`payout_batches`) of a closed period: drafted by finance
 * from the releasable balances at or above the minimum per payee, approved
 * by a second finance user, issued (PayoutBatchIssued; the entries it pays
 * are released). Payees whose balance is negative carry it forward.
 */
export interface PayoutBatchState {
  _id: string;
  periodId: string;
  currency: string;
  status: PayoutBatchStatus;
  payments: PayoutPayment[];
  totalMinor: number;
  /** Negative balances left open, as a positive amount. */
  carriedForwardMinor: number;
  /** Releasable balances held because the member is suspended or terminated. */
  heldMinor: number;
  /** Payees at or above the minimum with no payee details on file (left open). */
  missingDetails: string[];
  draftedBy: string;
  draftedAt: Date;
  /** While `drafting`: until when the drafter holds it; past it, the next draft of the period finishes or discards it. */
  draftLeaseUntil?: Date;
  /** Why a `discarded` draft was given up. */
  discardedReason?: string;
  approvedBy?: string;
  approvedAt?: Date;
  issuedAt?: Date;
  seq: number;
}

/** The rules of a batch's life cycle. */
export class PayoutBatch {
  private constructor(private readonly s: PayoutBatchState) {}

  static from(s: PayoutBatchState): PayoutBatch {
    return new PayoutBatch(s);
  }

  /** A draft whose drafter died (lease over) is taken over by the next draft, by compare-and-set, with a new lease. */
  takeOver(now: Date, leaseUntil: Date): Change<PayoutBatchState> | DomainError {
    if (this.s.status !== 'drafting') return DomainError.conflict(`batch ${this.s._id} is ${this.s.status}, no longer being drafted`);
    if (this.s.draftLeaseUntil && this.s.draftLeaseUntil.getTime() > now.getTime()) {
      return DomainError.conflict(`batch ${this.s._id} is being drafted until ${this.s.draftLeaseUntil.toISOString()}; try again then`);
    }
    return { id: this.s._id, expectedSeq: this.s.seq, set: { draftLeaseUntil: leaseUntil }, events: [] };
  }

  /** Every entry the draft pays is claimed: it is a draft to approve. */
  drafted(): Change<PayoutBatchState> | DomainError | null {
    if (this.s.status === 'draft') return null;
    if (this.s.status !== 'drafting') return DomainError.conflict(`batch ${this.s._id} is ${this.s.status}, not being drafted`);
    return { id: this.s._id, expectedSeq: this.s.seq, set: { status: 'draft', draftLeaseUntil: undefined }, events: [] };
  }

  /** Another batch claimed one of its entries first: the draft is given up (its claims were given back). */
  discard(reason: string): Change<PayoutBatchState> | DomainError | null {
    if (this.s.status === 'discarded') return null;
    if (this.s.status !== 'drafting') return DomainError.conflict(`batch ${this.s._id} is ${this.s.status}, not being drafted`);
    return { id: this.s._id, expectedSeq: this.s.seq, set: { status: 'discarded', discardedReason: reason, draftLeaseUntil: undefined }, events: [] };
  }

  /** A second finance user approves: never the one who drafted it. */
  approve(by: string, at: Date): Change<PayoutBatchState> | DomainError | null {
    if (this.s.status !== 'draft') return this.s.approvedBy === by ? null : DomainError.rule('status', `batch ${this.s._id} is ${this.s.status}, not a draft`);
    if (by === this.s.draftedBy) return DomainError.forbidden('A payout batch must be approved by a second finance user, not the one who drafted it');
    return { id: this.s._id, expectedSeq: this.s.seq, set: { status: 'approved', approvedBy: by, approvedAt: at }, events: [] };
  }

  /** Issue an approved batch: every payment is paid, PayoutBatchIssued. Issuing an issued batch changes nothing. */
  issue(at: Date): Change<PayoutBatchState> | DomainError | null {
    if (this.s.status === 'issued') return null;
    if (this.s.status !== 'approved') return DomainError.rule('status', `batch ${this.s._id} must be approved by a second finance user before it is issued`);
    const event = domainEvent(
      PayoutBatchIssued,
      {
        periodId: this.s.periodId,
        batchId: this.s._id,
        paymentCount: this.s.payments.length,
        total: { amount: this.s.totalMinor, currency: this.s.currency },
        carriedForward: { amount: this.s.carriedForwardMinor, currency: this.s.currency },
        issuedAt: at.toISOString(),
      },
      at,
      derivedId('payout-batch-issued', this.s._id),
    );
    return {
      id: this.s._id,
      expectedSeq: this.s.seq,
      set: { status: 'issued', issuedAt: at, payments: this.s.payments.map((p) => ({ ...p, status: 'paid' as const })) },
      events: [event],
    };
  }

  /** The bank returned one payment: it is marked returned (the caller re-credits the payee). */
  paymentReturned(partyId: string, reason: string, at: Date): Change<PayoutBatchState> | DomainError | null {
    if (this.s.status !== 'issued') return DomainError.rule('status', `batch ${this.s._id} is not issued`);
    const p = this.s.payments.find((x) => x.partyId === partyId);
    if (!p) return DomainError.notFound(`Batch ${this.s._id} has no payment to ${partyId}`);
    if (p.status === 'returned') return null;
    return {
      id: this.s._id,
      expectedSeq: this.s.seq,
      set: { payments: this.s.payments.map((x) => (x.partyId === partyId ? { ...x, status: 'returned' as const, returnedAt: at, returnReason: reason } : x)) },
      events: [],
    };
  }
}
