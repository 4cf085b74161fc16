import { DomainError } from '@netdirect/runtime';
import { Period, PeriodState } from './period';

const closed = (s: Partial<PeriodState> = {}): PeriodState => ({ ...Period.opened('US-2025-01'), ...s });
const summary = { run: 1, planId: 'default-us', planVersion: 1, totalBv: 100_00, baseMinor: 10_000, totalPayoutMinor: 2_500, breakageMinor: 0, capMinor: 2_500, lineCount: 3, adjustmentsWritten: 0, standingsWritten: 2, statementCount: 2, closedBy: 'ops-1', closedAt: new Date('2025-02-02T00:00:00Z'), timings: { readMs: 1, computeMs: 1, writeMs: 1 }, currency: 'USD' };

describe('Period', () => {
  it('closes only after its end and while not locked, taking the next run number', () => {
    const p = Period.from(Period.opened('US-2025-01'));
    expect(p.startClose(new Date('2025-01-31T23:59:59Z'))).toBeInstanceOf(DomainError);
    expect(p.startClose(new Date('2025-02-01T00:00:00Z'))).toMatchObject({ set: { closeRuns: 1 }, expectedSeq: 0 });
    expect(Period.from(closed({ status: 'locked' })).startClose(new Date('2026-01-01T00:00:00Z'))).toMatchObject({ kind: 'rule', field: 'status' });
  });

  it('closes before its end only where the settings allow it, and never before its start', () => {
    const p = Period.from(Period.opened('US-2025-01'));
    expect(p.startClose(new Date('2025-01-15T12:00:00Z'), 'allow')).toMatchObject({ set: { closeRuns: 1 } });
    expect(p.startClose(new Date('2025-01-15T12:00:00Z'), 'refuse')).toMatchObject({ kind: 'rule', field: 'periodId' });
    expect(p.startClose(new Date('2024-12-31T23:59:59Z'), 'allow')).toMatchObject({ kind: 'rule', field: 'periodId' });
  });

  it('finishing a close records CommissionPeriodClosed with the payout ratio of the base', () => {
    const change = Period.from(closed({ closeRuns: 1, seq: 1 })).finishClose(summary);
    expect(change).not.toBeInstanceOf(DomainError);
    const c = change as Exclude<typeof change, DomainError>;
    expect(c.set).toMatchObject({ status: 'closed', lastClose: { run: 1, totalPayoutMinor: 2_500 } });
    expect(c.events[0].data).toMatchObject({ periodId: 'US-2025-01', market: 'US', payoutRatioBps: 2_500, totalPayout: { amount: 2_500, currency: 'USD' }, startsAt: '2025-01-01T00:00:00.000Z', endsAt: '2025-02-01T00:00:00.000Z' });
  });

  it('locks a closed period once; an open one cannot be locked', () => {
    expect(Period.from(closed()).lock('ops-1', new Date())).toMatchObject({ kind: 'rule' });
    expect(Period.from(closed({ status: 'closed' })).lock('ops-1', new Date())).toMatchObject({ set: { status: 'locked', lockedBy: 'ops-1' } });
    expect(Period.from(closed({ status: 'locked' })).lock('ops-1', new Date())).toBeNull();
  });
});
