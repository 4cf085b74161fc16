import { DomainError } from '@netdirect/runtime';
import fc from 'fast-check';
import { MarketRules } from '../markets/market-rules';
import { includedVat, priceOrder, PricedOrder, SkuSnapshot } from './pricing';

const DE: MarketRules = {
  market: 'DE', shippingFee: 495, freeShippingFrom: 5000, vatBps: 1900,
  returnWindowMs: 0, withdrawalMs: 0, restockingFeeBps: 1000, buyBackBps: 9000, buyBackPeriodMs: 0,
};
const sku = (id: string, over: Partial<SkuSnapshot> = {}): SkuSnapshot => ({
  skuId: id, productId: 'p', productName: 'Tea', skuName: id, retailPrice: 1299, memberPrice: 999,
  currency: 'EUR', bv: 800, status: 'active', published: true, ...over,
});
const skus = new Map([
  ['a', sku('a')],
  ['b', sku('b', { retailPrice: 4000, memberPrice: 3000, bv: 2500 })],
  ['r', sku('r', { status: 'retired' })],
  ['d', sku('d', { status: 'draft' })],
  ['u', sku('u', { published: false })],
]);

describe('priceOrder', () => {
  it('prices a consumer at retail with the member price snapshotted, and charges shipping below the threshold', () => {
    const p = priceOrder([{ skuId: 'a', quantity: 2 }], 'consumer', skus, DE, 'EUR', 10) as PricedOrder;
    expect(p.lines[0]).toMatchObject({ lineId: 'L1', unitPrice: 1299, memberUnitPrice: 999, priceKind: 'retail', lineTotal: 2598, bvPerUnit: 800 });
    expect(p).toMatchObject({ subtotal: 2598, shipping: 495, total: 3093, totalBv: 1600, taxIncluded: includedVat(3093, 1900) });
  });

  it('prices an operator at member price, shipping free from the threshold', () => {
    const p = priceOrder([{ skuId: 'b', quantity: 2 }], 'operator', skus, DE, 'EUR', 10) as PricedOrder;
    expect(p).toMatchObject({ subtotal: 6000, shipping: 0, total: 6000 });
    expect(p.lines[0].priceKind).toBe('member');
  });

  it.each([
    [[{ skuId: 'zz', quantity: 1 }], 'lines[0].skuId', 'unknown SKU zz'],
    [[{ skuId: 'a', quantity: 1 }, { skuId: 'r', quantity: 1 }], 'lines[1].skuId', 'SKU r is retired'],
    [[{ skuId: 'd', quantity: 1 }], 'lines[0].skuId', 'SKU d is not on sale'],
    [[{ skuId: 'u', quantity: 1 }], 'lines[0].skuId', 'SKU u is not on sale'],
    [[{ skuId: 'a', quantity: 0 }], 'lines[0].quantity', 'must be at least 1'],
    [[{ skuId: 'a', quantity: 11 }], 'lines[0].quantity', 'at most 10 units per line'],
  ])('refuses %j naming %s', (lines, field, reason) => {
    const e = priceOrder(lines, 'consumer', skus, DE, 'EUR', 10) as DomainError;
    expect(e).toBeInstanceOf(DomainError);
    expect(e.field).toBe(field);
    expect(e.reason).toBe(reason);
  });

  it('refuses a SKU priced in another currency', () => {
    const e = priceOrder([{ skuId: 'a', quantity: 1 }], 'consumer', skus, DE, 'SEK', 10) as DomainError;
    expect(e.field).toBe('lines[0].skuId');
  });

  it('computes included VAT exactly (19 % of 119.00 is 19.00) and never above the gross', () => {
    expect(includedVat(11900, 1900)).toBe(1900);
    expect(includedVat(0, 1900)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (gross, vat) => {
        const tax = includedVat(gross, vat);
        const exact = (gross * vat) / (10_000 + vat);
        return Number.isInteger(tax) && tax <= gross && Math.abs(tax - exact) <= 0.5 + 1e-6 * gross;
      }),
    );
  });
});
