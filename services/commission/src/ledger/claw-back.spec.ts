import { clawbackAmount } from './claw-back.service';

describe('clawbackAmount', () => {
  it('claws back the refunded share, truncated toward zero, and the last refund exactly the rest', () => {
    let held = 1000;
    let units = 3;
    const clawed: number[] = [];
    for (const refunded of [1, 1, 1]) {
      const c = clawbackAmount(held, refunded, units);
      clawed.push(c);
      held += c;
      units -= refunded;
    }
    expect(clawed).toEqual([-333, -333, -334]);
    expect(held).toBe(0);
  });

  it('never drifts: any split of the units nets the line to zero', () => {
    for (const [amount, splits] of [
      [999, [2, 5, 3]],
      [1, [1, 1, 1, 1]],
      [123457, [7, 1, 1, 4]],
      [-250, [1, 1]],
    ] as [number, number[]][]) {
      let held = amount;
      let units = splits.reduce((s, u) => s + u, 0);
      for (const u of splits) {
        held += clawbackAmount(held, u, units);
        units -= u;
      }
      expect([amount, held]).toEqual([amount, 0]);
    }
  });

  it('claws back nothing when nothing is held or no unit is left', () => {
    expect(clawbackAmount(0, 1, 2)).toBe(0);
    expect(clawbackAmount(500, 1, 0)).toBe(0);
    expect(clawbackAmount(2, 1, 3)).toBe(0); // a third of 2 truncates to 0; the last refund takes it
  });
});
