import fc from 'fast-check';
import { computeRefund, lineRefund, RefundableLine, RefundComputation } from './refund-arithmetic';

const lines = (): RefundableLine[] => [
  { lineId: 'L1', skuId: 'a', quantity: 3, lineTotal: 1000, bvPerUnit: 300, refundedQuantity: 0 },
  { lineId: 'L2', skuId: 'b', quantity: 1, lineTotal: 2599, bvPerUnit: 900, refundedQuantity: 0 },
];
const within = { shipping: 495, shippingRefunded: false, withinWithdrawal: true, restockingFeeBps: 1000 };
const outside = { ...within, withinWithdrawal: false };

describe('refund arithmetic', () => {
  it('refunds units by cumulative shares: 3 units of 10.00 go back as 3.33, 3.33, 3.34', () => {
    const l = { lineTotal: 1000, quantity: 3, refundedQuantity: 0 };
    expect([lineRefund(l, 1), lineRefund({ ...l, refundedQuantity: 1 }, 1), lineRefund({ ...l, refundedQuantity: 2 }, 1)]).toEqual([333, 333, 334]);
  });

  it('refunds the outbound shipping on a full return within the withdrawal period', () => {
    const r = computeRefund(lines(), [{ lineId: 'L1', quantity: 3 }, { lineId: 'L2', quantity: 1 }], within) as RefundComputation;
    expect(r).toMatchObject({ shipping: 495, fee: 0, amount: 1000 + 2599 + 495, refundedBv: 1800, fullyRefunded: true });
  });

  it('keeps shipping on a partial return, and a restocking fee outside the withdrawal period', () => {
    const partial = computeRefund(lines(), [{ lineId: 'L2', quantity: 1 }], within) as RefundComputation;
    expect(partial).toMatchObject({ shipping: 0, fee: 0, amount: 2599, fullyRefunded: false });
    const late = computeRefund(lines(), [{ lineId: 'L2', quantity: 1 }], outside) as RefundComputation;
    expect(late).toMatchObject({ shipping: 0, fee: 259, amount: 2599 - 259 });
    expect(late.lines).toEqual([{ lineId: 'L2', skuId: 'b', quantity: 1, amount: 2599, bv: 900 }]);
  });

  it('pays a buy-back at least its share of the lines', () => {
    const r = computeRefund(lines(), [{ lineId: 'L2', quantity: 1 }], { ...outside, buyBackBps: 9000 }) as RefundComputation;
    expect(r).toMatchObject({ fee: 259, amount: 2340 });
    expect(r.amount * 10_000).toBeGreaterThanOrEqual(2599 * 9000);
  });

  it('names the line of a refusal: unknown line, more units than are left, no lines', () => {
    const done = lines().map((l) => (l.lineId === 'L2' ? { ...l, refundedQuantity: 1 } : l));
    expect(computeRefund(done, [{ lineId: 'L2', quantity: 1 }, { lineId: 'L9', quantity: 1 }], within)).toEqual([
      'lines[0].quantity: only 0 unit(s) of line L2 can still be returned',
      'lines[1].lineId: the order has no line L9',
    ]);
    expect(computeRefund(lines(), [{ lineId: 'L1', quantity: 2 }, { lineId: 'L1', quantity: 2 }], within)).toEqual([
      'lines[1].quantity: only 3 unit(s) of line L1 can still be returned',
    ]);
    expect(computeRefund(lines(), [], within)).toEqual(['lines: name at least one line']);
  });

  it('partial returns within the withdrawal period add up exactly to the order total, whatever the split', () => {
    const order = fc.array(
      fc.record({ quantity: fc.integer({ min: 1, max: 50 }), unit: fc.integer({ min: 0, max: 1_000_000 }), bvPerUnit: fc.integer({ min: 0, max: 10_000 }) }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(order, fc.integer({ min: 0, max: 2000 }), fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), (spec, shipping, draws) => {
        let state: RefundableLine[] = spec.map((s, i) => ({
          lineId: `L${i + 1}`, skuId: `s${i}`, quantity: s.quantity, lineTotal: s.unit * s.quantity, bvPerUnit: s.bvPerUnit, refundedQuantity: 0,
        }));
        const total = state.reduce((t, l) => t + l.lineTotal, 0) + shipping;
        const totalBv = state.reduce((t, l) => t + l.bvPerUnit * l.quantity, 0);
        let refunded = 0;
        let refundedBv = 0;
        let shippingRefunded = false;
        let k = 0;
        while (state.some((l) => l.refundedQuantity < l.quantity)) {
          // A random parcel: some units of some lines still open.
          const request = state
            .filter((l) => l.refundedQuantity < l.quantity && draws[k++ % draws.length] % 2 === 0)
            .map((l) => ({ lineId: l.lineId, quantity: 1 + (draws[k++ % draws.length] % (l.quantity - l.refundedQuantity)) }));
          if (request.length === 0) continue;
          const r = computeRefund(state, request, { shipping, shippingRefunded, withinWithdrawal: true, restockingFeeBps: 0 }) as RefundComputation;
          if (Array.isArray(r)) throw new Error(r.join('; '));
          if (r.lines.some((l) => l.amount < 0)) return false;
          if (r.amount !== r.lines.reduce((s, l) => s + l.amount, 0) + r.shipping - r.fee) return false;
          refunded += r.amount;
          refundedBv += r.refundedBv;
          shippingRefunded ||= r.shipping > 0;
          state = state.map((l) => ({ ...l, refundedQuantity: l.refundedQuantity + (r.lines.find((x) => x.lineId === l.lineId)?.quantity ?? 0) }));
          if (r.fullyRefunded !== state.every((l) => l.refundedQuantity === l.quantity)) return false;
        }
        return refunded === total && refundedBv === totalBv;
      }),
      { numRuns: 300 },
    );
  });

  it('a unit never refunds more than a rounded-up share of its line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 1e9 }), (quantity, lineTotal) => {
        for (let k = 0; k < quantity; k++) {
          const r = lineRefund({ lineTotal, quantity, refundedQuantity: k }, 1);
          if (r < Math.floor(lineTotal / quantity) || r > Math.ceil(lineTotal / quantity)) return false;
        }
        return true;
      }),
    );
  });
});
