import { priceListRefusals, PriceListInput } from './price-list';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const item = (over: Partial<PriceListInput['items'][number]> = {}): PriceListInput['items'][number] => ({
  skuId: 'sku-1',
  leadTimeDays: 5,
  minimumOrderQuantity: 12,
  packSize: 6,
  tiers: [
    { minQuantity: 12, unitCost: eur(1000) },
    { minQuantity: 120, unitCost: eur(900) },
  ],
  ...over,
});
const list = (items: PriceListInput['items'], over: Partial<PriceListInput> = {}): PriceListInput => ({
  currency: 'EUR',
  validFrom: new Date('2026-03-01T00:00:00Z'),
  items,
  ...over,
});

describe('priceListRefusals', () => {
  it('accepts a valid list', () => {
    expect(priceListRefusals(list([item(), item({ skuId: 'sku-2', packSize: 1, minimumOrderQuantity: 1, tiers: [{ minQuantity: 1, unitCost: eur(5) }] })]), 'EUR')).toEqual([]);
  });

  it('lists every reason at once, each naming its field', () => {
    const refusals = priceListRefusals(
      list(
        [
          item({
            packSize: 5,
            tiers: [
              { minQuantity: 12, unitCost: eur(1000) },
              { minQuantity: 12, unitCost: eur(900) },
              { minQuantity: 10, unitCost: eur(950) },
            ],
          }),
          item({ skuId: 'sku-2', packSize: 0 }),
          item({ skuId: 'sku-2' }),
        ],
        { currency: 'USD', validUntil: new Date('2026-02-01T00:00:00Z') },
      ),
      'EUR',
    );
    expect(refusals.map((r) => r.field)).toEqual([
      'currency',
      'validUntil',
      'items[0].minimumOrderQuantity',
      'items[0].tiers[0].unitCost.currency',
      'items[0].tiers[1].unitCost.currency',
      'items[0].tiers[1].minQuantity',
      'items[0].tiers[2].unitCost.currency',
      'items[0].tiers[2].minQuantity',
      'items[0].tiers[2].unitCost',
      'items[1].packSize',
      'items[1].tiers[0].unitCost.currency',
      'items[1].tiers[1].unitCost.currency',
      'items[2].skuId',
      'items[2].tiers[0].unitCost.currency',
      'items[2].tiers[1].unitCost.currency',
    ]);
    expect(refusals.find((r) => r.field === 'items[0].tiers[1].minQuantity')!.reason).toMatch(/overlaps tier 0/);
    expect(refusals.find((r) => r.field === 'items[0].tiers[2].minQuantity')!.reason).toMatch(/ascend/);
    expect(refusals.find((r) => r.field === 'items[0].tiers[2].unitCost')!.reason).toMatch(/may not rise/);
    expect(refusals.find((r) => r.field === 'items[0].minimumOrderQuantity')!.reason).toMatch(/not a multiple of the pack size 5/);
    expect(refusals.find((r) => r.field === 'items[1].packSize')!.reason).toBe('must not be zero');
  });

  it('refuses a first tier that starts above the minimum (units between them would have no price)', () => {
    expect(priceListRefusals(list([item({ tiers: [{ minQuantity: 24, unitCost: eur(1) }] })]), 'EUR')).toEqual([
      { field: 'items[0].tiers[0].minQuantity', reason: expect.stringMatching(/minimum order quantity 12/) },
    ]);
  });
});
