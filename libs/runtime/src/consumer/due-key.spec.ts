import { deferDelayMs, dueBeforePattern, dueKey, dueTimeOf, paddedTime } from './due-key';

describe('due keys', () => {
  it('orders keys as their times, and reads the time back', () => {
    expect(dueKey(5, 'g|e') < dueKey(40, 'g|a')).toBe(true);
    expect(dueTimeOf(dueKey(1735689600000, 'g|e'))).toBe(1735689600000);
    expect(() => paddedTime(-1)).toThrow();
  });

  it('matches exactly the keys due before a time', () => {
    const now = 1735689600123;
    const due = new RegExp(dueBeforePattern(now));
    expect(due.test(dueKey(now - 1, 'x'))).toBe(true);
    expect(due.test(dueKey(0, 'x'))).toBe(true);
    expect(due.test(dueKey(now, 'x'))).toBe(false);
    expect(due.test(dueKey(now + 1, 'x'))).toBe(false);
    expect(due.test(dueKey(now + 86400000, 'x'))).toBe(false);
  });

  it('agrees with numeric comparison on random times', () => {
    for (let i = 0; i < 2000; i++) {
      const now = Math.floor(Math.random() * 2e12);
      const at = i % 2 ? now + Math.floor((Math.random() - 0.5) * 2000) : Math.floor(Math.random() * 2e12);
      if (at < 0) continue;
      expect([at, now, new RegExp(dueBeforePattern(now)).test(dueKey(at, 'g|id'))]).toEqual([at, now, at < now]);
    }
    expect(new RegExp(dueBeforePattern(0)).test(dueKey(0, 'x'))).toBe(false);
  });

  it('backs off by doubling within a cap, with jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 10].map((a) => deferDelayMs(a, 100, 1000, mid))).toEqual([100, 200, 400, 1000]);
    for (let a = 1; a < 50; a++) {
      const d = deferDelayMs(a, 1000, 60000);
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(72000);
    }
  });
});
