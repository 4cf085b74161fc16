import { DomainError } from '@netdirect/runtime';
import { PayoutBatch, PayoutBatchState } from './payout-batch';

const batch = (s: Partial<PayoutBatchState> = {}): PayoutBatchState => ({
  _id: 'pb-US-2025-01-1',
  periodId: 'US-2025-01',
  currency: 'USD',
  status: 'draft',
  payments: [{ partyId: 'party-a', name: 'A', amountMinor: 4000, entryIds: ['e1'], beneficiaryIds: ['a'], status: 'pending' }],
  totalMinor: 4000,
  carriedForwardMinor: 700,
  heldMinor: 0,
  missingDetails: [],
  draftedBy: 'fin-1',
  draftedAt: new Date('2025-02-02T00:00:00Z'),
  seq: 0,
  ...s,
});
const at = new Date('2025-02-03T00:00:00Z');

describe('PayoutBatch', () => {
  it('is approved by a second finance user only', () => {
    expect(PayoutBatch.from(batch()).approve('fin-1', at)).toMatchObject({ kind: 'forbidden' });
    expect(PayoutBatch.from(batch()).approve('fin-2', at)).toMatchObject({ set: { status: 'approved', approvedBy: 'fin-2' } });
  });

  it('is issued only once approved, with PayoutBatchIssued carrying totals and debts carried forward', () => {
    expect(PayoutBatch.from(batch()).issue(at)).toBeInstanceOf(DomainError);
    const change = PayoutBatch.from(batch({ status: 'approved', approvedBy: 'fin-2' })).issue(at) as Exclude<ReturnType<PayoutBatch['issue']>, DomainError | null>;
    expect(change.set.payments?.[0].status).toBe('paid');
    expect(change.events[0].data).toMatchObject({ batchId: 'pb-US-2025-01-1', paymentCount: 1, total: { amount: 4000, currency: 'USD' }, carriedForward: { amount: 700, currency: 'USD' } });
    expect(PayoutBatch.from(batch({ status: 'issued' })).issue(at)).toBeNull();
  });

  it('marks a returned payment once', () => {
    const issued = batch({ status: 'issued', payments: [{ ...batch().payments[0], status: 'paid' }] });
    expect(PayoutBatch.from(issued).paymentReturned('party-a', 'account closed', at)).toMatchObject({ set: { payments: [{ status: 'returned', returnReason: 'account closed' }] } });
    expect(PayoutBatch.from(issued).paymentReturned('party-x', 'x', at)).toMatchObject({ kind: 'not-found' });
    expect(PayoutBatch.from(batch()).paymentReturned('party-a', 'x', at)).toMatchObject({ kind: 'rule' });
  });

  it('a dead draft is taken over only once its lease ran out, then becomes a draft or is discarded', () => {
    const drafting = batch({ status: 'drafting', draftLeaseUntil: new Date('2025-02-03T00:01:00Z') });
    expect(PayoutBatch.from(drafting).takeOver(at, new Date('2025-02-03T00:02:00Z'))).toMatchObject({ kind: 'conflict' });
    const later = new Date('2025-02-03T00:01:01Z');
    expect(PayoutBatch.from(drafting).takeOver(later, new Date('2025-02-03T00:02:01Z'))).toMatchObject({ expectedSeq: 0, set: { draftLeaseUntil: new Date('2025-02-03T00:02:01Z') } });
    expect(PayoutBatch.from(drafting).drafted()).toMatchObject({ set: { status: 'draft', draftLeaseUntil: undefined } });
    expect(PayoutBatch.from(drafting).discard('taken')).toMatchObject({ set: { status: 'discarded', discardedReason: 'taken' } });
    expect(PayoutBatch.from(batch()).drafted()).toBeNull();
    expect(PayoutBatch.from(batch()).takeOver(later, later)).toMatchObject({ kind: 'conflict' });
    expect(PayoutBatch.from(drafting).approve('fin-2', at)).toBeInstanceOf(DomainError);
  });
});
