import type { PeriodMember, PeriodOrderLine } from '../compute/model';
import { defaultPlan } from './plan';
import { comparePlans } from './simulation';

const op = (memberId: string, sponsorId: string | null): PeriodMember => ({ memberId, sponsorId, kind: 'operator', active: true });
const sale = (orderId: string, anchorId: string, upline: string[], bv: number): PeriodOrderLine => ({
  orderId,
  orderLineId: `${orderId}-1`,
  paidAt: '2026-10-10T10:00:00.000Z',
  buyerId: `g-${orderId}`,
  buyerKind: 'guest',
  anchorId,
  sellerId: anchorId,
  priceKind: 'retail',
  quantity: 1,
  bv,
  unitPriceMinor: bv + 1000,
  memberUnitPriceMinor: bv,
  upline,
});

describe('comparePlans', () => {
  // X (Bronze: 600 points) sponsors Y (Operator: 100 points); margins 10.00 each.
  const inputs = {
    periodId: 'US-2026-10',
    market: 'US',
    currency: 'USD',
    members: [op('X', null), op('Y', 'X')],
    lines: [sale('a', 'X', [], 60000), sale('b', 'Y', ['X'], 10000)],
  };

  it('compares total payout, payout share of the base and the distribution by rank, for the active plan and a candidate', () => {
    const active = defaultPlan('US');
    const candidate = { ...active, planId: 'richer', version: 0, overrideRatesBps: [2000] };
    const r = comparePlans(inputs, active, candidate);
    // base 70 000; margins 1 000 + 1 000; override on b: 10 % → 1 000 (active), 20 % → 2 000 (candidate)
    expect(r.baseMinor).toBe(70000);
    expect(r.active).toEqual({
      planId: 'default-us',
      planVersion: 1,
      totalPayoutMinor: 3000,
      retailMarginMinor: 2000,
      overridesMinor: 1000,
      breakageMinor: 0,
      payoutShareOfBaseBps: 428, // 3 000 / 70 000 = 4.2857 %
      byRank: [
        { rank: 'operator', members: 1, payoutMinor: 1000 },
        { rank: 'bronze', members: 1, payoutMinor: 2000 },
        { rank: 'silver', members: 0, payoutMinor: 0 },
        { rank: 'gold', members: 0, payoutMinor: 0 },
        { rank: 'none', members: 0, payoutMinor: 0 },
      ],
    });
    expect(r.candidate).toMatchObject({ planId: 'richer', planVersion: 0, totalPayoutMinor: 4000, overridesMinor: 2000, payoutShareOfBaseBps: 571 });
    expect(r.candidate.byRank[1]).toEqual({ rank: 'bronze', members: 1, payoutMinor: 3000 });
    expect(r.differenceMinor).toBe(1000);
  });
});
