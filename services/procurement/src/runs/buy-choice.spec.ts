import fc from 'fast-check';
import { cheapestFrom, chooseBuy, Offer, unitCostAt } from './buy-choice';

const offer = (over: Partial<Offer> = {}): Offer => ({
  supplierId: 'sup-a',
  priceListId: 'pl-a',
  leadTimeDays: 5,
  minimumOrderQuantity: 1,
  packSize: 1,
  tiers: [
    { minQuantity: 1, unitCost: 1000 },
    { minQuantity: 500, unitCost: 900 },
    { minQuantity: 1000, unitCost: 800 },
  ],
  ...over,
});

describe('unitCostAt', () => {
  it('takes the last tier starting at or below the quantity', () => {
    const { tiers } = offer();
    expect(unitCostAt(tiers, 1)).toBe(1000);
    expect(unitCostAt(tiers, 499)).toBe(1000);
    expect(unitCostAt(tiers, 500)).toBe(900);
    expect(unitCostAt(tiers, 5000)).toBe(800);
  });
});

describe('cheapestFrom', () => {
  it('buys up to the next tier when the total is cheaper: 1,000 at 8.00 beats 950 at 9.00', () => {
    const o = cheapestFrom(offer(), 950)!;
    expect(o).toMatchObject({ quantity: 1000, unitCost: 800, total: 800_000, upToNextTier: true, firstTierUnitCost: 1000 });
  });

  it('keeps the need when the next tier would cost more in total', () => {
    expect(cheapestFrom(offer(), 600)).toMatchObject({ quantity: 600, unitCost: 900, total: 540_000, upToNextTier: false });
  });

  it('rounds up to whole packs and respects the minimum order quantity', () => {
    const o = offer({ minimumOrderQuantity: 24, packSize: 12, tiers: [{ minQuantity: 24, unitCost: 100 }] });
    expect(cheapestFrom(o, 5)).toMatchObject({ quantity: 24, total: 2400 });
    expect(cheapestFrom(o, 25)).toMatchObject({ quantity: 36, total: 3600 });
  });

  it('rounds a tier start that is not a whole number of packs up to packs', () => {
    const o = offer({ packSize: 6, minimumOrderQuantity: 6, tiers: [{ minQuantity: 6, unitCost: 100 }, { minQuantity: 100, unitCost: 50 }] });
    expect(cheapestFrom(o, 90)).toMatchObject({ quantity: 102, unitCost: 50, total: 5100 });
  });
});

describe('chooseBuy', () => {
  it('chooses the cheapest supplier in time and says why each other was rejected', () => {
    const d = chooseBuy({ quantity: 950, needWithinDays: 7 }, [
      offer({ supplierId: 'sup-a' }),
      offer({ supplierId: 'sup-b', priceListId: 'pl-b', tiers: [{ minQuantity: 1, unitCost: 850 }] }),
      offer({ supplierId: 'sup-c', priceListId: 'pl-c', leadTimeDays: 30, tiers: [{ minQuantity: 1, unitCost: 100 }] }),
    ]);
    expect(d.chosen).toMatchObject({ supplierId: 'sup-a', quantity: 1000, total: 800_000 });
    expect(d.late).toBe(false);
    expect(d.rejected).toEqual([
      expect.objectContaining({ supplierId: 'sup-b', reason: 'more-expensive', total: 807_500 }),
      expect.objectContaining({ supplierId: 'sup-c', reason: 'too-slow', total: 95_000 }),
    ]);
  });

  it('falls back to late suppliers only when none is in time, and says so', () => {
    const d = chooseBuy({ quantity: 10, needWithinDays: 2 }, [
      offer({ supplierId: 'sup-a', leadTimeDays: 10 }),
      offer({ supplierId: 'sup-b', leadTimeDays: 5, tiers: [{ minQuantity: 1, unitCost: 1100 }] }),
    ]);
    expect(d).toMatchObject({ late: true, chosen: { supplierId: 'sup-a', total: 10_000 } });
    expect(d.rejected).toEqual([expect.objectContaining({ supplierId: 'sup-b', reason: 'more-expensive' })]);
  });

  it('chooses nothing without offers', () => {
    expect(chooseBuy({ quantity: 10, needWithinDays: 2 }, [])).toEqual({ chosen: null, late: false, rejected: [] });
  });

  it('breaks ties by lead time, then supplier id', () => {
    const d = chooseBuy({ quantity: 10, needWithinDays: 20 }, [
      offer({ supplierId: 'sup-z', leadTimeDays: 3 }),
      offer({ supplierId: 'sup-b', leadTimeDays: 4 }),
      offer({ supplierId: 'sup-a', leadTimeDays: 4 }),
    ]);
    expect(d.chosen!.supplierId).toBe('sup-z');
  });
});

/** A valid offer: ascending tiers with non-rising costs, the minimum a multiple of the pack, the first tier from the minimum. */
const offerArb = fc
  .record({
    supplierId: fc.constantFrom('s1', 's2', 's3', 's4'),
    leadTimeDays: fc.integer({ min: 0, max: 30 }),
    packSize: fc.integer({ min: 1, max: 24 }),
    packs: fc.integer({ min: 1, max: 20 }),
    steps: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 2000 }), drop: fc.integer({ min: 0, max: 300 }) }), { maxLength: 5 }),
    firstCost: fc.integer({ min: 1, max: 100_000 }),
  })
  .map(({ supplierId, leadTimeDays, packSize, packs, steps, firstCost }): Offer => {
    const moq = packSize * packs;
    const tiers = [{ minQuantity: moq, unitCost: firstCost }];
    for (const s of steps) {
      const prev = tiers[tiers.length - 1];
      tiers.push({ minQuantity: prev.minQuantity + s.gap, unitCost: Math.max(0, prev.unitCost - s.drop) });
    }
    return { supplierId, priceListId: `pl-${supplierId}`, leadTimeDays, minimumOrderQuantity: moq, packSize, tiers };
  });

/** Offers with distinct price list ids, so a chosen option names its offer. */
const offersArb = fc.array(offerArb, { minLength: 1, maxLength: 5 }).map((os) => os.map((o, i) => ({ ...o, priceListId: `pl-${i}` })));

describe('chooseBuy properties', () => {
  const needArb = fc.record({ quantity: fc.integer({ min: 1, max: 20_000 }), needWithinDays: fc.integer({ min: 0, max: 30 }) });

  it('is never more expensive than any single-tier choice that meets the demand', () => {
    fc.assert(
      fc.property(needArb, offersArb, (need, offers) => {
        const d = chooseBuy(need, offers);
        const inTime = offers.filter((o) => o.leadTimeDays <= need.needWithinDays);
        const pool = inTime.length ? inTime : offers;
        for (const o of pool)
          for (const t of o.tiers) {
            // Buying at this tier: enough units for the demand, the minimum and the tier, in whole packs.
            const q = Math.ceil(Math.max(need.quantity, o.minimumOrderQuantity, t.minQuantity) / o.packSize) * o.packSize;
            expect(d.chosen!.total).toBeLessThanOrEqual(q * unitCostAt(o.tiers, q));
          }
      }),
    );
  });

  it('meets the demand in whole packs, at least the minimum, priced at its own tier', () => {
    fc.assert(
      fc.property(needArb, offersArb, (need, offers) => {
        const { chosen } = chooseBuy(need, offers);
        const o = offers.find((x) => x.priceListId === chosen!.priceListId)!;
        expect(chosen!.quantity).toBeGreaterThanOrEqual(need.quantity);
        expect(chosen!.quantity).toBeGreaterThanOrEqual(o.minimumOrderQuantity);
        expect(chosen!.quantity % o.packSize).toBe(0);
        expect(chosen!.total).toBe(chosen!.quantity * chosen!.unitCost);
      }),
    );
  });

  it('takes a late supplier only when no offer is in time, and accounts for every other offer', () => {
    fc.assert(
      fc.property(needArb, offersArb, (need, offers) => {
        const d = chooseBuy(need, offers);
        const anyInTime = offers.some((o) => o.leadTimeDays <= need.needWithinDays);
        expect(d.late).toBe(!anyInTime);
        if (anyInTime) expect(d.chosen!.leadTimeDays).toBeLessThanOrEqual(need.needWithinDays);
        expect(d.rejected).toHaveLength(offers.length - 1);
      }),
    );
  });
});
