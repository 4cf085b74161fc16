import { ProductPriceChanged, ProductPublished, ProductRetired, ProductUpdated } from '@netdirect/contracts';
import { DomainError, isDomainError } from '@netdirect/runtime';
import { bvHundredthsPerUnit, PriceRules, Product, ProductChange, ProductInput, ProductState, SkuInput } from './product';

const rules: PriceRules = { currency: 'EUR', bvHundredthsPerUnit: 100 };
const at = new Date('2026-03-01T10:00:00Z');
const eur = (amount: number) => ({ amount, currency: 'EUR' });
let n = 0;
const newId = () => `sku-${++n}`;

const sku = (over: Partial<SkuInput> = {}): SkuInput => ({
  name: '500 ml',
  weightGrams: 540,
  dimensions: { lengthMm: 70, widthMm: 45, heightMm: 190 },
  retailPrice: eur(2100),
  memberPrice: eur(1500),
  bv: 750,
  ...over,
});
const input = (over: Partial<ProductInput> = {}): ProductInput => ({
  name: 'Herbal Shampoo',
  categoryId: 'cat-1',
  tags: [' Vegan', 'vegan', 'Hair '],
  skus: [sku()],
  ...over,
});

function ok<T>(v: T | DomainError): T {
  if (isDomainError(v)) throw new Error(`unexpected ${v.kind}: ${v.message}`);
  return v;
}
function refused(v: unknown, field: string): DomainError {
  if (!isDomainError(v)) throw new Error('expected a refusal');
  expect([v.kind, v.field]).toEqual(['rule', field]);
  return v;
}
const draft = (over: Partial<ProductInput> = {}) => ok(Product.create('p1', input(over), rules, newId, at));
const after = (c: ProductChange) => Product.from(c.state);

describe('Product', () => {
  it('starts as a draft with draft SKUs, manual prices, normalised tags and no events', () => {
    const state = draft();
    expect(state).toMatchObject({ status: 'draft', revision: 0, tags: ['vegan', 'hair'], description: null });
    expect(state.skus[0]).toMatchObject({ status: 'draft', manual: true, weightGrams: 540 });
  });

  it('refuses prices in another currency, negative prices, member above retail and too much BV', () => {
    refused(Product.create('p', input({ skus: [sku({ retailPrice: { amount: 10, currency: 'USD' } })] }), rules, newId, at), 'skus[0].retailPrice.currency');
    refused(Product.create('p', input({ skus: [sku({ memberPrice: eur(-1) })] }), rules, newId, at), 'skus[0].memberPrice.amount');
    refused(Product.create('p', input({ skus: [sku({ memberPrice: eur(2101) })] }), rules, newId, at), 'skus[0].memberPrice.amount');
    refused(Product.create('p', input({ skus: [sku(), sku({ bv: 1501 })] }), rules, newId, at), 'skus[1].bv');
    refused(Product.create('p', input({ skus: [] }), rules, newId, at), 'skus');
  });

  it('allows BV up to the member price in points: 15.00 EUR → at most 15.00 points', () => {
    ok(Product.create('p', input({ skus: [sku({ bv: 1500 })] }), rules, newId, at));
    const half = { ...rules, bvHundredthsPerUnit: bvHundredthsPerUnit('0.5') };
    expect(half.bvHundredthsPerUnit).toBe(50);
    ok(Product.create('p', input({ skus: [sku({ bv: 750 })] }), half, newId, at));
    refused(Product.create('p', input({ skus: [sku({ bv: 751 })] }), half, newId, at), 'skus[0].bv');
    // A currency without minor units: 1500 JPY allows 1500.00 points.
    const yen = { currency: 'JPY', bvHundredthsPerUnit: 100 };
    const y = (amount: number) => ({ amount, currency: 'JPY' });
    ok(Product.create('p', input({ skus: [sku({ retailPrice: y(2000), memberPrice: y(1500), bv: 150000 })] }), yen, newId, at));
    refused(Product.create('p', input({ skus: [sku({ retailPrice: y(2000), memberPrice: y(1500), bv: 150001 })] }), yen, newId, at), 'skus[0].bv');
  });

  it('publishes the product and its draft SKUs with weights and dimensions; again only with new drafts', () => {
    const published = ok(Product.from(draft()).publish(at));
    expect(published.state.status).toBe('active');
    expect(published.state.skus.every((k) => k.status === 'active')).toBe(true);
    expect(published.events).toHaveLength(1);
    expect(published.events[0].contract).toBe(ProductPublished);
    const data = published.events[0].data as ProductPublished;
    expect(data.skus[0]).toMatchObject({ weightGrams: 540, dimensions: { lengthMm: 70, widthMm: 45, heightMm: 190 }, bv: 750 });
    refused(after(published).publish(at), 'status');

    const added = ok(after(published).update({ addSkus: [sku({ name: '1 l' })] }, rules, newId, at));
    expect(added.state.skus[1].status).toBe('draft');
    expect(added.addedSkuIds).toEqual([added.state.skus[1].skuId]);
    const again = ok(after(added).publish(at));
    expect(again.state.skus.map((k) => k.status)).toEqual(['active', 'active']);
  });

  it('announces an update of a published product in full, and a hand-set price as manual', () => {
    const live = after(ok(Product.from(draft()).publish(at)));
    const skuId = live.state.skus[0].skuId;
    const change = ok(
      live.update(
        { name: 'Alpine Shampoo', skus: [{ skuId, weightGrams: 600, retailPrice: eur(1990) }] },
        rules,
        newId,
        at,
      ),
    );
    expect(change.expectedRevision).toBe(0);
    expect(change.events.map((e) => e.contract)).toEqual([ProductUpdated, ProductPriceChanged]);
    expect((change.events[0].data as ProductUpdated).skus[0]).toMatchObject({ skuId, weightGrams: 600, status: 'active' });
    expect((change.events[1].data as ProductPriceChanged)).toMatchObject({
      reason: 'manual',
      prices: [{ skuId, retailPrice: eur(1990), memberPrice: eur(1500), bv: 750 }],
    });
    refused(live.update({ skus: [{ skuId, retailPrice: eur(1400) }] }, rules, newId, at), 'skus[0].memberPrice.amount');
    refused(live.update({ skus: [{ skuId: 'nope' }] }, rules, newId, at), 'skus[0].skuId');
  });

  it('updates a draft silently', () => {
    const change = ok(Product.from(draft()).update({ description: 'New' }, rules, newId, at));
    expect(change.events).toEqual([]);
    expect(change.state.description).toBe('New');
  });

  it('retires single SKUs, then the product once none is left; a retired SKU does not change', () => {
    const two = draft({ skus: [sku(), sku({ name: '1 l' })] });
    const live = after(ok(Product.from(two).publish(at)));
    const [a, b] = live.state.skus.map((k) => k.skuId);
    const one = ok(live.retire([a], 'replaced', at));
    expect(one.state.status).toBe('active');
    expect(one.events[0].data as ProductRetired).toMatchObject({ skuIds: [a], productRetired: false });
    refused(after(one).update({ skus: [{ skuId: a, name: 'x' }] }, rules, newId, at), 'skus[0].skuId');
    refused(after(one).retire([a], 'again', at), 'skuIds[0]');
    const all = ok(after(one).retire(undefined, 'discontinued', at));
    expect(all.state.status).toBe('retired');
    expect(all.events[0].data as ProductRetired).toMatchObject({ skuIds: [b], productRetired: true });
    refused(after(all).update({ name: 'x' }, rules, newId, at), 'status');
    refused(after(all).publish(at), 'status');
  });

  it('refuses repricing a retired SKU', () => {
    const state: ProductState = draft();
    const retired = { ...state.skus[0], status: 'retired' as const };
    expect(Product.skuPricingRefusal(retired, { retailPrice: eur(100), memberPrice: eur(90), bv: 0 }, rules)?.kind).toBe('rule');
  });
});
