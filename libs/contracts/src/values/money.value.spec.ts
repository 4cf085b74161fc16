import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { addMoney, money, Money, moneyEquals, multiplyMoney, negateMoney, subtractMoney, sumMoney } from './money.value';

const currency = fc.constantFrom('EUR', 'USD', 'JPY', 'CHF', 'SEK');
const amount = fc.integer({ min: -(2 ** 50), max: 2 ** 50 });
const moneyArb = fc.tuple(amount, currency).map(([a, c]) => money(a, c));

describe('money()', () => {
  it('builds exact values', () => {
    expect(money(1999, 'EUR')).toEqual({ amount: 1999, currency: 'EUR' });
    expect(money(-30, 'JPY')).toEqual({ amount: -30, currency: 'JPY' });
  });

  it.each([
    [19.99, 'EUR'],
    [Number.MAX_SAFE_INTEGER + 1, 'EUR'],
    [Number.NaN, 'EUR'],
    [100, 'eur'],
    [100, 'EURO'],
    [100, 'XYZ'],
  ])('refuses money(%p, %p)', (a, c) => {
    expect(() => money(a, c)).toThrow(RangeError);
  });
});

describe('money arithmetic', () => {
  it('adds and subtracts in one currency', () => {
    expect(addMoney(money(150, 'EUR'), money(-30, 'EUR'))).toEqual(money(120, 'EUR'));
    expect(subtractMoney(money(150, 'EUR'), money(200, 'EUR'))).toEqual(money(-50, 'EUR'));
    expect(multiplyMoney(money(1290, 'EUR'), 3)).toEqual(money(3870, 'EUR'));
    expect(sumMoney([], 'EUR')).toEqual(money(0, 'EUR'));
    expect(negateMoney(money(0, 'EUR')).amount).toBe(0);
  });

  it('refuses to mix currencies', () => {
    fc.assert(
      fc.property(moneyArb, moneyArb, (a, b) => {
        fc.pre(a.currency !== b.currency);
        expect(() => addMoney(a, b)).toThrow(/cannot add/);
        expect(() => subtractMoney(a, b)).toThrow(/cannot subtract/);
        expect(() => sumMoney([a, b], a.currency)).toThrow(RangeError);
      }),
    );
  });

  it('a + b − b === a, and a − a === 0', () => {
    fc.assert(
      fc.property(amount, amount, currency, (x, y, c) => {
        const a = money(x, c);
        const b = money(y, c);
        return moneyEquals(subtractMoney(addMoney(a, b), b), a) && subtractMoney(a, a).amount === 0;
      }),
    );
  });

  it('refuses results outside the safe integer range', () => {
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'EUR'), money(1, 'EUR'))).toThrow(RangeError);
    expect(() => multiplyMoney(money(2 ** 40, 'EUR'), 2 ** 20)).toThrow(RangeError);
  });
});

describe('Money as a payload field', () => {
  const errors = (plain: object) => validateSync(plainToInstance(Money, plain)).map((e) => e.property);

  it('accepts integer minor units in an upper-case ISO 4217 currency', () => {
    expect(errors({ amount: 1290, currency: 'EUR' })).toEqual([]);
    expect(errors({ amount: -30, currency: 'USD' })).toEqual([]);
  });

  it('rejects floats, unsafe integers, strings and bad currencies', () => {
    expect(errors({ amount: 12.9, currency: 'EUR' })).toEqual(['amount']);
    expect(errors({ amount: 2 ** 60, currency: 'EUR' })).toEqual(['amount']);
    expect(errors({ amount: '1290', currency: 'EUR' })).toEqual(['amount']);
    expect(errors({ amount: 1290, currency: 'eur' })).toEqual(['currency']);
    expect(errors({ amount: 1290, currency: 'ABC' })).toEqual(['currency']);
  });
});
