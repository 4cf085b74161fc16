import { defaultPlan } from '../plan/plan';
import { computePeriod, computePeriodColumns } from './compute-period';
import type { PeriodInput, PeriodOrderLine } from './model';
import { columnsOf } from './period-columns';

/*
 * The columns of an input given as objects: member indexes (the network's
 * first, then ids only order lines name), upline ranges shared by the lines
 * of one order, and the same computation whichever form the input takes.
 */
const upline = ['B', 'A'];
const line = (orderId: string, orderLineId: string, o: Partial<PeriodOrderLine>): PeriodOrderLine => ({
  orderId,
  orderLineId,
  paidAt: '2026-11-10T10:00:00.000Z',
  buyerId: 'guest',
  buyerKind: 'guest',
  anchorId: 'C',
  sellerId: 'C',
  priceKind: 'retail',
  quantity: 2,
  bv: 6000,
  unitPriceMinor: 5000,
  memberUnitPriceMinor: 4000,
  upline,
  ...o,
});
const input: PeriodInput = {
  periodId: 'US-2026-11',
  market: 'US',
  currency: 'USD',
  plan: defaultPlan('US'),
  members: [
    { memberId: 'A', sponsorId: null, kind: 'operator', active: true },
    { memberId: 'B', sponsorId: 'A', kind: 'operator', active: true },
    { memberId: 'C', sponsorId: 'B', kind: 'operator', active: true },
    { memberId: 'X', sponsorId: 'NOT-A-MEMBER', kind: 'consumer', active: false },
  ],
  lines: [
    line('o1', 'l1', {}),
    line('o1', 'l2', { priceKind: 'member', sellerId: null }),
    // Moved after accrual: the snapshot names a member outside the network, and a seller outside it.
    line('o2', 'l1', { anchorId: 'C', sellerId: 'S', upline: ['GONE', 'A'] }),
    // A sells too, so it qualifies (PV 60 points).
    line('o3', 'l1', { anchorId: 'A', sellerId: 'A', upline: [] }),
  ],
};

describe('columnsOf', () => {
  const c = columnsOf(input);

  it('indexes the network first, then ids only order lines name; a sponsor outside the network is none', () => {
    expect(c.known).toBe(4);
    expect(c.memberIds.slice(0, 4)).toEqual(['A', 'B', 'C', 'X']);
    expect([...c.sponsor]).toEqual([-1, 0, 1, -1]);
    expect(new Set(c.memberIds.slice(4))).toEqual(new Set(['S', 'GONE']));
    expect(c.memberIds[c.seller[2]]).toBe('S');
    expect([...c.seller.slice(0, 2)]).toEqual([2, -1]);
  });

  it('shares one upline range between lines holding the same snapshot, and resolves a moved one by id', () => {
    expect([c.uplineStart[0], c.uplineEnd[0]]).toEqual([c.uplineStart[1], c.uplineEnd[1]]);
    const range = (i: number) => [...c.uplinePool.subarray(c.uplineStart[i], c.uplineEnd[i])].map((m) => c.memberIds[m]);
    expect(range(0)).toEqual(['B', 'A']);
    expect(range(2)).toEqual(['GONE', 'A']);
  });

  it('computes the same period from columns as from objects, and exposes each line by order line and rule', () => {
    const fromObjects = computePeriod(input);
    const fromColumns = computePeriodColumns(c);
    expect(Array.from({ length: fromColumns.lineCount }, (_, i) => fromColumns.line(i))).toEqual(fromObjects.lines);
    expect(fromColumns.totals).toEqual(fromObjects.totals);
    for (let i = 0; i < fromColumns.lineCount; i++) {
      const l = fromObjects.lines[i];
      const ol = fromColumns.orderLineOf(i);
      expect([input.lines[ol].orderId, input.lines[ol].orderLineId, fromColumns.beneficiaryOf(i), fromColumns.ruleOf(i), fromColumns.amountOf(i)]).toEqual([l.orderId, l.orderLineId, l.beneficiaryId, l.rule, l.amountMinor]);
    }
    // The moved line skips the member outside the network and pays A at level 1.
    expect(fromObjects.lines.filter((l) => l.orderId === 'o2').map((l) => [l.beneficiaryId, l.level, l.skipped.map((s) => s.memberId)])).toEqual([
      ['S', 0, []],
      ['A', 1, ['GONE']],
    ]);
  });
});
