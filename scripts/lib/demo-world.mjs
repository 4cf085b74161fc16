/**
 * The made-up business `npm run demo` builds: products with their base
 * costs, suppliers and their tiered offers, the pricing policy, markets and
 * addresses. Pure data and a seeded random generator, so a run is
 * reproducible from its seed; every name carries the run id so a second run
 * adds to the business instead of colliding with the first.
 */

/** A small deterministic generator (mulberry32): the demo's choices, repeatable with --seed. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** Products the mall sells: name, SKU name, weight (g) and the supplier's base cost per unit at the first tier (cents). */
export const PRODUCTS = [
  ['Sencha green tea', '100 g tin', 180, 420],
  ['Herbal shampoo', '500 ml', 560, 380],
  ['Vitamin C 1000', '60 tablets', 120, 510],
  ['Omega-3 capsules', '90 capsules', 160, 890],
  ['Aloe vera gel', '200 ml', 260, 450],
  ['Protein shake vanilla', '750 g', 820, 1490],
  ['Hand cream', '75 ml', 110, 290],
  ['Magnesium citrate', '120 capsules', 190, 640],
  ['Rooibos tea', '20 bags', 90, 210],
  ['Bamboo toothbrush', 'pack of 4', 80, 260],
  ['Face serum', '30 ml', 95, 1120],
  ['Probiotic complex', '30 capsules', 70, 980],
  ['Shower gel citrus', '250 ml', 300, 240],
  ['Collagen powder', '300 g', 360, 1680],
  ['Lip balm', '3 sticks', 40, 170],
  ['Matcha powder', '50 g', 70, 1350],
  ['Body lotion', '400 ml', 450, 520],
  ['Zinc + D3', '90 tablets', 100, 390],
  ['Sunscreen SPF 50', '100 ml', 140, 760],
  ['Coffee arabica', '500 g beans', 540, 830],
];

/**
 * The pricing policy the demo publishes (basis points): member = cost + 40 %,
 * retail = member + 30 %, BV half of the member price; a cost change passes
 * 40 % to retail prices and 30 % to operator margins (the platform keeps 30 %),
 * once it moves by 1 %; never under cost + 15 %.
 */
export const POLICY = {
  memberMarkupBps: 4000,
  retailMarkupBps: 3000,
  bvShareBps: 5000,
  minPlatformMarkupBps: 1500,
  retailShareBps: 4000,
  marginShareBps: 3000,
  repricingThresholdBps: 100,
};

/** Markets the demo sells in, with an address in each (the orders service checks the country). */
export const MARKETS = {
  DE: { city: 'Berlin', postalCode: '10115', street: 'Hauptstr.' },
  AT: { city: 'Wien', postalCode: '1010', street: 'Ringstr.' },
  CH: { city: 'Zürich', postalCode: '8001', street: 'Bahnhofstr.' },
};

export function address(market, name, n) {
  const m = MARKETS[market];
  return { name, lines: [`${m.street} ${1 + (n % 180)}`], city: m.city, postalCode: m.postalCode, country: market };
}

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jonas', 'Kira', 'Luca', 'Mia', 'Noah', 'Olga', 'Paul', 'Rosa', 'Samir', 'Tara', 'Uwe', 'Vera', 'Wim', 'Yara', 'Zoe'];
const LAST = ['Berger', 'Huber', 'Keller', 'Lang', 'Meier', 'Novak', 'Ott', 'Peters', 'Roth', 'Schmid', 'Vogel', 'Wagner', 'Weber', 'Winter', 'Wolf', 'Zimmer'];
export const personName = (rng) => `${rng.pick(FIRST)} ${rng.pick(LAST)}`;

/**
 * Suppliers and how each prices a product relative to its base cost:
 * tiers as [minimum quantity, share of the base cost in bps]. The first
 * delivers in 5 days, the second in 7 at higher prices, the third is
 * cheapest but takes 30 days (beyond the 14-day need date, so runs pass it
 * over while another can deliver in time).
 */
export const SUPPLIERS = [
  { key: 'alpen', name: 'Alpenkraut Naturwaren', country: 'AT', leadTimeDays: 5, tiers: [[50, 10000], [200, 9000], [1000, 8000]] },
  { key: 'nordic', name: 'Nordic Health Supply', country: 'SE', leadTimeDays: 7, tiers: [[50, 10400], [200, 9500]] },
  { key: 'far', name: 'Far East Wellness Trading', country: 'CN', leadTimeDays: 30, tiers: [[100, 7000]] },
];

/** The first supplier's second price list: the same tiers plus a new volume tier at 75 % of the base cost from 500 units. */
export const SECOND_LIST_TIERS = [[50, 10000], [200, 9000], [500, 7500]];

/** Cost of `base` cents at `bps` basis points, rounded half up to the cent (integers only). */
export const share = (base, bps) => Math.floor((base * bps + 5000) / 10000);
