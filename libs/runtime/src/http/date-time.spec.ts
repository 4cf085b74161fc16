import { isCalendarDate, isUtcDateTime, parseUtcDateTime } from './date-time';

describe('isUtcDateTime', () => {
  it('takes real UTC instants with at most milliseconds', () => {
    for (const ok of ['2026-04-01T00:00:00Z', '2024-02-29T23:59:59.999Z', '0029-07-21T20:04:37Z', '2026-06-30T23:59:60Z']) expect(isUtcDateTime(ok)).toBe(true);
    for (const bad of ['2026-02-30T00:00:00Z', '2026-04-01T24:00:00Z', '2026-04-01T00:00:00+01:00', '2026-04-01', '2026-04-01T00:00:00.1234Z', 5]) expect(isUtcDateTime(bad)).toBe(false);
  });

  it('parses them, a leap second as :59 and two-digit years as written', () => {
    expect(parseUtcDateTime('2026-06-30T23:59:60Z').toISOString()).toBe('2026-06-30T23:59:59.000Z');
    expect(parseUtcDateTime('0029-07-21T20:04:37Z').getUTCFullYear()).toBe(29);
  });
});

describe('isCalendarDate', () => {
  it('takes days that exist', () => {
    expect(['2026-04-30', '2024-02-29', '0001-01-01'].every(isCalendarDate)).toBe(true);
    expect(['7578-09-31', '2026-02-29', '2026-4-30', '2026-04-30T00:00:00Z', ''].some(isCalendarDate)).toBe(false);
  });
});
