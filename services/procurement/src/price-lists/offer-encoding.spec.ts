import { decodeOffer, encodeOffer } from './price-list.schema';

describe('the offer index encoding', () => {
  it('round-trips an offer', () => {
    const o = {
      supplierId: 's',
      priceListId: 'p',
      leadTimeDays: 5,
      minimumOrderQuantity: 12,
      packSize: 6,
      tiers: [
        { minQuantity: 12, unitCost: 1000 },
        { minQuantity: 120, unitCost: 900 },
      ],
    };
    expect(decodeOffer(encodeOffer(o))).toEqual(o);
  });
});
