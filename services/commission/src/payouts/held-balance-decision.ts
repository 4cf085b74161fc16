import { Change, DomainError } from '@netdirect/runtime';

export const HELD_BALANCE_DECISIONS = ['release', 'forfeit'] as const;
export type HeldBalanceDecisionKind = (typeof HELD_BALANCE_DECISIONS)[number];

/** What a decision settles for one payee party (a transferred position may have had several). */
export interface HeldBalanceShare {
  partyId: string;
  amountMinor: number;
  entryIds: string[];
}

/**
 * An ops decision on the balance held for a terminated member
 * (`held_balance_decisions`, `_id` = `hbd-<member>-<n>`): `release` lets the
 * held entries through to the payee of record in the next payout batch;
 * `forfeit` books one `held-balance-forfeited` entry per payee party equal
 * to minus what it held (to breakage, with the reason), and takes the held
 * entries and that entry out of every later batch. Written first as
 * `recording` with the entries it settles, then `recorded` once its ledger
 * writes are done, so a decision interrupted between them is finished by
 * the next call, exactly once. Who decided, when and why stay on it (the
 * audit record).
 */
export interface HeldBalanceDecisionState {
  _id: string;
  seq: number;
  memberId: string;
  market: string;
  currency: string;
  decision: HeldBalanceDecisionKind;
  reason: string;
  status: 'recording' | 'recorded';
  shares: HeldBalanceShare[];
  totalMinor: number;
  /** The period the forfeit entries are booked in (the market's open one when decided). */
  periodId: string;
  decidedBy: string;
  decidedAt: Date;
  recordedAt?: Date;
}

/** The rules of a decision's life. */
export class HeldBalanceDecision {
  private constructor(private readonly s: HeldBalanceDecisionState) {}

  static from(s: HeldBalanceDecisionState): HeldBalanceDecision {
    return new HeldBalanceDecision(s);
  }

  /** Its ledger writes are done. */
  recorded(at: Date): Change<HeldBalanceDecisionState> | null {
    if (this.s.status === 'recorded') return null;
    return { id: this.s._id, expectedSeq: this.s.seq, set: { status: 'recorded', recordedAt: at }, events: [] };
  }

  /** A repeated request is the same decision (idempotent); another decision on a balance already settled is refused. */
  sameAs(decision: HeldBalanceDecisionKind): DomainError | null {
    if (this.s.decision === decision) return null;
    return DomainError.conflict(`the held balance of ${this.s.memberId} was already settled by ${this.s._id} (${this.s.decision}); nothing else is held`);
  }
}
