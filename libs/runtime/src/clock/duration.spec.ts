import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { addDuration, DurationSetting, parseDuration, tryParseDuration } from './duration';
import { TestClock } from './test-clock';

describe('parseDuration', () => {
  it.each([
    ['1500ms', 1500],
    ['30s', 30_000],
    ['30m', 1_800_000],
    ['12h', 43_200_000],
    ['3d', 259_200_000],
    ['2w', 1_209_600_000],
    ['1h30m', 5_400_000],
    ['P3D', 259_200_000],
    ['PT30M', 1_800_000],
    ['P1DT12H', 129_600_000],
    ['PT1.5S', 1500],
    ['P2W', 1_209_600_000],
    [' PT5M ', 300_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5 m', 'P', 'PT', 'P1M', 'P1Y', 'P1W2D', '0m', 'PT0S', '-5m', '3days', 'm5'])(
    'refuses %j',
    (text) => {
      expect(tryParseDuration(text)).toBeUndefined();
      expect(() => parseDuration(text)).toThrow(/is not a duration/);
    },
  );

  it('adds a duration to an instant', () => {
    expect(addDuration(new Date('2030-01-01T00:00:00Z'), 'P1DT1H').toISOString()).toBe(
      '2030-01-02T01:00:00.000Z',
    );
  });
});

class Settings {
  @DurationSetting({ min: '1m', max: 'P30D' })
  PAYMENT_DEADLINE = parseDuration('3d');
}

describe('DurationSetting', () => {
  const load = (env: Record<string, string>) => {
    const s = plainToInstance(Settings, env);
    return { s, errors: validateSync(s) };
  };

  it('keeps the default and converts text to milliseconds', () => {
    expect(load({}).s.PAYMENT_DEADLINE).toBe(259_200_000);
    expect(load({ PAYMENT_DEADLINE: '5m' }).s.PAYMENT_DEADLINE).toBe(300_000);
    expect(load({ PAYMENT_DEADLINE: 'PT2H' }).errors).toEqual([]);
  });

  it('names the variable when the text is not a duration or out of bounds', () => {
    expect(JSON.stringify(load({ PAYMENT_DEADLINE: 'soon' }).errors[0].constraints)).toMatch(
      /PAYMENT_DEADLINE must be an ISO-8601 duration/,
    );
    expect(JSON.stringify(load({ PAYMENT_DEADLINE: '30s' }).errors[0].constraints)).toMatch(
      /between 60000 ms/,
    );
    expect(load({ PAYMENT_DEADLINE: 'P31D' }).errors).toHaveLength(1);
  });
});

describe('TestClock', () => {
  it('stands still, moves when told and tells listeners', () => {
    const clock = new TestClock('2030-01-01T00:00:00Z');
    const seen: string[] = [];
    const off = clock.onChange((now) => seen.push(now.toISOString()));
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    clock.advance('90s');
    clock.advance(500);
    off();
    clock.set('2031-01-01T00:00:00Z');
    expect(seen).toEqual(['2030-01-01T00:01:30.000Z', '2030-01-01T00:01:30.500Z']);
    expect(clock.now().getUTCFullYear()).toBe(2031);
  });
});
