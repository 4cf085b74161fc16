import { ProviderState } from '../providers/provider';
import { packParcels, UnitSize } from './parcels';
import { route } from './routing';

const at = new Date('2026-03-01T10:00:00Z');
const provider = (id: string, over: Partial<ProviderState> = {}): ProviderState => ({
  _id: id,
  name: id,
  regions: [{ country: 'DE', postcodePrefixes: [] }],
  limits: { maxWeightGrams: 10_000, maxLengthMm: 1000, maxVolumeCm3: 100_000 },
  serviceLevels: ['standard'],
  acceptanceDeadlineMs: 3600_000,
  priority: 10,
  dailyCapacity: 100,
  registeredAt: at,
  seq: 0,
  ...over,
});
const sizes = new Map<string, UnitSize>([
  ['tea', { weightGrams: 3000, lengthMm: 200, widthMm: 100, heightMm: 100 }],
  ['box', { weightGrams: 500, lengthMm: 500, widthMm: 400, heightMm: 300 }],
]);
const input = { country: 'DE', postalCode: '10115', serviceLevel: 'standard' as const, lines: [{ skuId: 'tea', quantity: 1 }], sizes };

describe('packParcels', () => {
  it('fills a parcel up to the weight limit, then opens the next', () => {
    const packed = packParcels([{ skuId: 'tea', quantity: 4 }], sizes, { maxWeightGrams: 10_000, maxLengthMm: 1000, maxVolumeCm3: 100_000 });
    expect(packed).toEqual([
      { index: 1, weightGrams: 9000, lines: [{ skuId: 'tea', quantity: 3 }] },
      { index: 2, weightGrams: 3000, lines: [{ skuId: 'tea', quantity: 1 }] },
    ]);
  });

  it('splits by volume too (60,000 cm³ a box)', () => {
    const packed = packParcels([{ skuId: 'box', quantity: 2 }], sizes, { maxWeightGrams: 10_000, maxLengthMm: 1000, maxVolumeCm3: 100_000 });
    expect(packed).toHaveLength(2);
  });

  it('names a unit that alone breaks a limit, and a SKU without a size', () => {
    expect(packParcels([{ skuId: 'tea', quantity: 1 }], sizes, { maxWeightGrams: 1000, maxLengthMm: 1000, maxVolumeCm3: 100_000 })).toMatch(/weighs 3000 g/);
    expect(packParcels([{ skuId: 'box', quantity: 1 }], sizes, { maxWeightGrams: 10_000, maxLengthMm: 400, maxVolumeCm3: 100_000 })).toMatch(/500 mm long/);
    expect(packParcels([{ skuId: 'nope', quantity: 1 }], sizes, { maxWeightGrams: 10_000, maxLengthMm: 400, maxVolumeCm3: 100_000 })).toMatch(/no weight and size/);
  });
});

describe('route', () => {
  it('prefers the lower priority number, then the lighter load today, then the id', () => {
    const ps = [provider('b', { priority: 5 }), provider('a', { priority: 5 }), provider('c', { priority: 9 })];
    expect(route(input, ps, new Map(), at).decision.providerId).toBe('a');
    expect(route(input, ps, new Map([['a', 3]]), at).decision.providerId).toBe('b');
  });

  it('lists every provider with why it was not chosen', () => {
    const ps = [
      provider('region', { priority: 1, regions: [{ country: 'DE', postcodePrefixes: ['80'] }] }),
      provider('level', { priority: 2, serviceLevels: ['express'] }),
      provider('full', { priority: 3, dailyCapacity: 2 }),
      provider('light', { priority: 4, limits: { maxWeightGrams: 1000, maxLengthMm: 1000, maxVolumeCm3: 100_000 } }),
      provider('ok', { priority: 5 }),
    ];
    const { decision, parcels } = route(input, ps, new Map([['full', 2]]), at);
    expect(decision.providerId).toBe('ok');
    expect(parcels).toHaveLength(1);
    expect(decision.candidates.map((c) => [c.providerId, c.eligible, c.reason])).toEqual([
      ['region', false, 'does not serve DE 10115'],
      ['level', false, 'does not offer standard'],
      ['full', false, 'at its daily capacity of 2'],
      ['light', false, expect.stringMatching(/over the 1000 g limit/)],
      ['ok', true, expect.stringMatching(/^chosen/)],
    ]);
  });

  it('chooses nobody when nobody can take it, and skips excluded providers', () => {
    expect(route({ ...input, country: 'FR' }, [provider('a')], new Map(), at).decision.providerId).toBeNull();
    expect(route({ ...input, exclude: ['a'] }, [provider('a')], new Map(), at).decision).toMatchObject({ providerId: null, candidates: [{ providerId: 'a', reason: expect.stringMatching(/excluded/) }] });
  });

  it('skips a suspended provider and one still being registered', () => {
    const { decision } = route(input, [provider('a', { status: 'suspended', priority: 1 }), provider('b', { status: 'registering', priority: 2 }), provider('c', { priority: 3 })], new Map(), at);
    expect(decision.providerId).toBe('c');
    expect(decision.candidates.map((c) => [c.providerId, c.reason])).toEqual([
      ['a', 'suspended by ops'],
      ['b', 'still being registered'],
      ['c', expect.stringMatching(/^chosen/)],
    ]);
  });
});
