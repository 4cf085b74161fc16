import { demandKey, netDemand } from './demand';

describe('netDemand', () => {
  it('adds the largest reorder signal, unmet orders and shortfalls, minus what is on order', () => {
    const entries = {
      [demandKey('reorder', 'e1')]: { kind: 'reorder' as const, quantity: 100 },
      [demandKey('reorder', 'e2')]: { kind: 'reorder' as const, quantity: 80 },
      [demandKey('unmet', 'o1')]: { kind: 'unmet' as const, quantity: 7 },
      [demandKey('unmet', 'o2')]: { kind: 'unmet' as const, quantity: 3 },
      [demandKey('shortfall', 'po1')]: { kind: 'shortfall' as const, quantity: 50 },
    };
    expect(netDemand(entries, 60)).toEqual({ reorder: 100, unmet: 10, shortfall: 50, onOrder: 60, net: 100 });
    expect(netDemand(entries, 1000).net).toBe(0);
  });

  it('derives one key per cause, usable as a field name', () => {
    expect(demandKey('unmet', 'order.1')).toBe(demandKey('unmet', 'order.1'));
    expect(demandKey('unmet', 'order.1')).not.toBe(demandKey('unmet', 'order.2'));
    expect(demandKey('reorder', 'x')).toMatch(/^r[0-9a-f]{32}$/);
  });
});
