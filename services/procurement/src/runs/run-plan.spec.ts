import { demandKey } from '../demand/demand';
import { Offer } from './buy-choice';
import { decide, ordersOf, PlanInput } from './run-plan';

const offer = (supplierId: string, over: Partial<Offer> = {}): Offer => ({
  supplierId,
  priceListId: `pl-${supplierId}`,
  leadTimeDays: 5,
  minimumOrderQuantity: 1,
  packSize: 1,
  tiers: [
    { minQuantity: 1, unitCost: 900 },
    { minQuantity: 1000, unitCost: 800 },
  ],
  ...over,
});
const reorder = (q: number) => ({ [demandKey('reorder', `e${q}`)]: { kind: 'reorder' as const, quantity: q } });

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    needWithinDays: 14,
    demand: new Map([
      ['sku-1', reorder(950)],
      ['sku-2', reorder(10)],
      ['sku-3', reorder(10)],
      ['sku-4', reorder(10)],
      ['sku-5', reorder(10)],
    ]),
    offers: new Map([
      ['sku-1', [offer('sup-a'), offer('sup-b', { tiers: [{ minQuantity: 1, unitCost: 850 }] })]],
      ['sku-2', [offer('sup-b')]],
      ['sku-3', [offer('sup-a')]],
    ]),
    buyable: new Set(['sku-1', 'sku-2', 'sku-3', 'sku-4']),
    onOrder: new Map([['sku-3', 10]]),
    ...over,
  };
}

describe('decide', () => {
  it('buys what is needed at the cheapest total, and says what it did with every other SKU', () => {
    const ds = decide(input());
    expect(ds.map((d) => [d.skuId, d.outcome])).toEqual([
      ['sku-1', 'buy'],
      ['sku-2', 'buy'],
      ['sku-3', 'covered'],
      ['sku-4', 'no-offer'],
      ['sku-5', 'not-in-catalog'],
    ]);
    expect(ds[0]).toMatchObject({ chosen: { supplierId: 'sup-a', quantity: 1000, total: 800_000 }, rejected: [{ supplierId: 'sup-b', reason: 'more-expensive' }] });
    expect(ds[2].consumed).toHaveLength(1);
    expect(ds[3].consumed).toEqual([]);
    expect(ds[4].consumed).toEqual([]);
  });
});

describe('ordersOf', () => {
  it('makes one order per supplier with ids derived from the run', () => {
    const orders = ordersOf('run-1', decide(input()));
    expect(orders.map((o) => [o.supplierId, o.lines.map((l) => l.skuId), o.total])).toEqual([
      ['sup-a', ['sku-1'], 800_000],
      ['sup-b', ['sku-2'], 9_000],
    ]);
    expect(ordersOf('run-1', decide(input())).map((o) => o.purchaseOrderId)).toEqual(orders.map((o) => o.purchaseOrderId));
    expect(ordersOf('run-2', decide(input()))[0].purchaseOrderId).not.toBe(orders[0].purchaseOrderId);
  });
});
