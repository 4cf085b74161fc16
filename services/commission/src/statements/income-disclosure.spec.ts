import { incomeStats } from './income-disclosure.controller';

describe('incomeStats', () => {
  it('counts operators earning nothing, and gives mean, median and nearest-rank percentiles', () => {
    const s = incomeStats([0, 0, 0, 100, 300, 0, 50, 1000, 0, 0]);
    expect(s).toMatchObject({ count: 10, earningCount: 4, shareEarningBps: 4000, totalMinor: 1450, meanMinor: 145, medianMinor: 0, p10Minor: 0, p25Minor: 0, p75Minor: 100, p90Minor: 300, maxMinor: 1000 });
    expect(incomeStats([])).toMatchObject({ count: 0, meanMinor: 0, medianMinor: 0 });
    expect(incomeStats([10, 21]).medianMinor).toBe(15);
  });
});
