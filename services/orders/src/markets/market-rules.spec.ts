import { DEFAULT_MARKETS, parseMarketRules } from './market-rules';

describe('market rules (ORDERS_MARKETS)', () => {
  it('parses the defaults', () => {
    const m = parseMarketRules(DEFAULT_MARKETS) as Map<string, unknown>;
    expect(m.get('DE')).toMatchObject({ shippingFee: 495, freeShippingFrom: 5000, vatBps: 1900, withdrawalMs: 14 * 24 * 3600_000, buyBackBps: 9000 });
    expect(m.has('AT')).toBe(true);
  });

  it('names every wrong market and field', () => {
    expect(parseMarketRules('{"de":{"shippingFee":-1,"vatBps":1900,"returnWindow":"x","withdrawal":"14d","restockingFeeBps":0,"buyBackBps":9000,"extra":1}}')).toEqual([
      'de: a market is an ISO 3166-1 alpha-2 code',
      'de.extra: unknown setting',
      'de.shippingFee: must be an integer from 0 to 1000000',
      'de.returnWindow: must be a duration such as 14d',
    ]);
    expect(parseMarketRules('nope')).toEqual(['is not valid JSON']);
    expect(parseMarketRules('{}')).toEqual(['must name at least one market']);
  });
});
