import { threeWayMatch } from './three-way-match';

const order = [
  { skuId: 'a', unitCost: 800, receivedQuantity: 900 },
  { skuId: 'b', unitCost: 500, receivedQuantity: 10 },
];

describe('threeWayMatch', () => {
  it('matches an invoice for what was received at the ordered cost, within the tolerance', () => {
    expect(threeWayMatch(order, [{ skuId: 'a', quantity: 900, unitCost: 800 }], [], 50)).toEqual({ payable: 720_000, mismatches: [] });
    // 0.5 % of 720,000 = 3,600: a cent more per unit (900) passes.
    expect(threeWayMatch(order, [{ skuId: 'a', quantity: 900, unitCost: 801 }], [], 50).mismatches).toEqual([]);
    expect(threeWayMatch(order, [{ skuId: 'a', quantity: 900, unitCost: 805 }], [], 50).mismatches).toHaveLength(1);
  });

  it('holds the lines billing more than was received, or above the ordered cost, or not ordered, saying why', () => {
    const r = threeWayMatch(
      order,
      [
        { skuId: 'a', quantity: 1000, unitCost: 800 },
        { skuId: 'b', quantity: 10, unitCost: 550 },
        { skuId: 'z', quantity: 1, unitCost: 100 },
      ],
      [],
      0,
    );
    expect(r.payable).toBe(800_000 + 5_500 + 100);
    expect(r.mismatches).toEqual([
      { skuId: 'a', invoiced: 800_000, allowed: 720_000, reason: 'invoiced 1000 units, 900 received' },
      { skuId: 'b', invoiced: 5_500, allowed: 5_000, reason: 'unit cost 550 above the ordered 500' },
      { skuId: 'z', invoiced: 100, allowed: 0, reason: 'not on the purchase order' },
    ]);
  });

  it('matches once credit notes bring what is billed down to what was received', () => {
    const lines = [{ skuId: 'a', quantity: 1000, unitCost: 800 }];
    expect(threeWayMatch(order, lines, [{ skuId: 'a', amount: 80_000 }], 0)).toEqual({ payable: 720_000, mismatches: [] });
    expect(threeWayMatch(order, lines, [{ skuId: 'a', amount: 40_000 }], 0).mismatches).toHaveLength(1);
  });
});
