import { packDecision, unpackDecision } from './stored-decision';
import { Decision } from './run-plan';

describe('stored decisions', () => {
  it('pack rejected alternatives as tuples and unpack them as they were', () => {
    const d: Decision = {
      skuId: 'sku-1',
      outcome: 'buy',
      demand: { reorder: 950, unmet: 0, shortfall: 0, onOrder: 0, net: 950 },
      chosen: { supplierId: 'a', priceListId: 'pa', quantity: 1000, unitCost: 800, total: 800_000, firstTierUnitCost: 900, leadTimeDays: 5, upToNextTier: true },
      late: false,
      rejected: [
        { supplierId: 'b', priceListId: 'pb', reason: 'more-expensive', quantity: 950, total: 807_500, leadTimeDays: 5 },
        { supplierId: 'c', priceListId: 'pc', reason: 'no-safe-total', quantity: null, total: null, leadTimeDays: 3 },
      ],
      consumed: ['r1'],
    };
    expect(packDecision(d).rejected[0]).toEqual(['b', 'pb', 'more-expensive', 950, 807_500, 5]);
    expect(unpackDecision(JSON.parse(JSON.stringify(packDecision(d))))).toEqual(d);
  });
});
