import { CommissionPeriodClosed } from '@netdirect/contracts';
import { Change, DomainError, domainEvent, derivedId } from '@netdirect/runtime';
import { periodBounds } from '../compute/period-id';

export const PERIOD_STATUSES = ['open', 'closed', 'locked'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** What the last close of a period found and wrote. */
export interface CloseSummary {
  run: number;
  planId: string;
  planVersion: number;
  totalBv: number;
  baseMinor: number;
  totalPayoutMinor: number;
  breakageMinor: number;
  capMinor: number;
  lineCount: number;
  adjustmentsWritten: number;
  standingsWritten: number;
  statementCount: number;
  closedBy: string;
  closedAt: Date;
  /** Milliseconds spent reading inputs (of which the ledger's entries: readLedgerMs), computing and writing. */
  timings: { readMs: number; readLedgerMs?: number; computeMs: number; writeMs: number };
}

/**
 * A commission period (`commission_periods`, `_id` = `<market>-<YYYY-MM>`):
 * open until its first close, closed (repeatable) until locked. A period
 * with no document is open.
 */
export interface PeriodState {
  _id: string;
  market: string;
  status: PeriodStatus;
  /** Close runs started; adjustment ids carry the run, so a crashed run's retry never collides with it. */
  closeRuns: number;
  lastClose?: CloseSummary;
  lockedBy?: string;
  lockedAt?: Date;
  seq: number;
}

/** The rules of a period's life cycle; each returns the change or a refusal. */
export class Period {
  private constructor(private readonly s: PeriodState) {}

  static from(s: PeriodState): Period {
    return new Period(s);
  }

  static opened(periodId: string): PeriodState {
    return { _id: periodId, market: periodBounds(periodId).market, status: 'open', closeRuns: 0, seq: 0 };
  }

  /**
   * A close may start once the period has ended (or before, where the
   * settings allow it outside production) and while it is not locked; it
   * takes the next run number.
   */
  startClose(now: Date, beforeEnd: 'refuse' | 'allow' = 'refuse'): Change<PeriodState> | DomainError {
    if (this.s.status === 'locked') return DomainError.rule('status', `period ${this.s._id} is locked`);
    const { start, end } = periodBounds(this.s._id);
    if (now.getTime() < Date.parse(start)) return DomainError.rule('periodId', `period ${this.s._id} starts at ${start}; it cannot be closed before`);
    if (beforeEnd === 'refuse' && now.getTime() < Date.parse(end)) return DomainError.rule('periodId', `period ${this.s._id} ends at ${end}; it cannot be closed before`);
    return { id: this.s._id, expectedSeq: this.s.seq, set: { closeRuns: this.s.closeRuns + 1 }, events: [] };
  }

  /** The close run `summary.run` finished: the period is closed with its figures, CommissionPeriodClosed. */
  finishClose(summary: CloseSummary & { currency: string }): Change<PeriodState> | DomainError {
    if (this.s.status === 'locked') return DomainError.rule('status', `period ${this.s._id} was locked during the close`);
    const { start, end } = periodBounds(this.s._id);
    const ratio = summary.baseMinor > 0 ? Math.max(0, Math.min(10_000, Math.floor((summary.totalPayoutMinor * 10_000) / summary.baseMinor))) : 0;
    const event = domainEvent(
      CommissionPeriodClosed,
      {
        periodId: this.s._id,
        market: this.s.market,
        startsAt: start,
        endsAt: end,
        totalBv: summary.totalBv,
        totalPayout: { amount: Math.max(0, summary.totalPayoutMinor), currency: summary.currency },
        payoutRatioBps: ratio,
        statementCount: summary.statementCount,
        closedBy: summary.closedBy,
        closedAt: summary.closedAt.toISOString(),
      },
      summary.closedAt,
      derivedId('commission-period-closed', this.s._id, String(summary.run)),
    );
    const { currency: _, ...stored } = summary;
    return { id: this.s._id, expectedSeq: this.s.seq, set: { status: 'closed', lastClose: stored }, events: [event] };
  }

  /** Locking is final: no close runs after it. Locking a locked period changes nothing. */
  lock(by: string, now: Date): Change<PeriodState> | DomainError | null {
    if (this.s.status === 'locked') return null;
    if (this.s.status !== 'closed') return DomainError.rule('status', `period ${this.s._id} must be closed before it is locked`);
    return { id: this.s._id, expectedSeq: this.s.seq, set: { status: 'locked', lockedBy: by, lockedAt: now }, events: [] };
  }
}
