import { receiveCost, SkuCostState } from './sku-cost';

const at = new Date('2026-03-01T10:00:00Z');
const state = (over: Partial<SkuCostState> = {}): SkuCostState => ({ _id: 'sku-1', unitCost: null, currency: 'EUR', applied: [], seq: 0, ...over });
const receipt = (receiptId: string, landedUnitCost: number) => ({ supplierId: 's', purchaseOrderId: 'po', receiptId, landedUnitCost });

describe('receiveCost', () => {
  it('announces the first cost and every change, with the previous cost', () => {
    const first = receiveCost(state(), receipt('r1', 800), at)!;
    expect(first.events[0].data).toMatchObject({ previousUnitCost: null, newUnitCost: { amount: 800, currency: 'EUR' } });
    const second = receiveCost(state({ unitCost: 800, applied: ['r1'] }), receipt('r2', 750), at)!;
    expect(second.events[0].data).toMatchObject({ previousUnitCost: { amount: 800 }, newUnitCost: { amount: 750 } });
  });

  it('records an unchanged cost without an event, and a repeated receipt not at all', () => {
    expect(receiveCost(state({ unitCost: 800 }), receipt('r2', 800), at)!.events).toEqual([]);
    expect(receiveCost(state({ unitCost: 800, applied: ['r1'] }), receipt('r1', 700), at)).toBeNull();
  });
});
