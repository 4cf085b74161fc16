import { isISO4217CurrencyCode, IsInt, IsISO4217CurrencyCode, Matches, Max, Min } from 'class-validator';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * An amount of money: an integer number of minor units (cents, øre, yen) in an
 * ISO 4217 currency. Never a float, so sums and splits are exact and every
 * service rounds the same way (see {@link applyRate}).
 *
 * Use it as a nested payload field with `@IsMoney()` (or `@ValidateNested()`
 * and `@Type(() => Money)`). Field names do not say "minor": Money always is.
 * Negative amounts are allowed (refunds, clawbacks); a field that must not be
 * negative says so in its own doc comment.
 */
export class Money {
  /** Integer minor units, within the safe integer range. */
  @IsInt()
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  /** ISO 4217 alphabetic code, upper case, e.g. `EUR`. */
  @Matches(CURRENCY)
  @IsISO4217CurrencyCode()
  currency: string;
}

/** True if `code` is an upper-case ISO 4217 currency code. */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY.test(code) && isISO4217CurrencyCode(code);
}

function assertAmount(amount: unknown, label: string): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new RangeError(`${label} must be a safe integer number of minor units, got ${String(amount)}`);
  }
}

/**
 * Build a Money value, refusing anything that is not exact: a fractional or
 * unsafe amount (e.g. 19.99 where 1999 was meant) or a currency that is not an
 * upper-case ISO 4217 code.
 */
export function money(amount: number, currency: string): Money {
  assertAmount(amount, 'amount');
  if (!isCurrencyCode(currency)) {
    throw new RangeError(`currency must be an upper-case ISO 4217 code, got ${JSON.stringify(currency)}`);
  }
  return { amount, currency };
}

/** A zero amount in the given currency. */
export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

function assertSameCurrency(a: Money, b: Money, op: string): void {
  if (a.currency !== b.currency) {
    throw new RangeError(`cannot ${op} ${a.currency} and ${b.currency}: convert explicitly first`);
  }
}

/** a + b; throws on mixed currencies or if the result leaves the safe integer range. */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'add');
  return money(a.amount + b.amount, a.currency);
}

/** a − b; throws on mixed currencies or if the result leaves the safe integer range. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtract');
  return money(a.amount - b.amount, a.currency);
}

/** The opposite amount, e.g. a clawback of an accrued line. */
export function negateMoney(a: Money): Money {
  return money(a.amount === 0 ? 0 : -a.amount, a.currency);
}

/** Unit price × an integer quantity, e.g. a line total. */
export function multiplyMoney(unit: Money, quantity: number): Money {
  assertAmount(quantity, 'quantity');
  return money(unit.amount * quantity, unit.currency);
}

/** Sum of amounts in one currency; the currency is given so an empty list has one too. */
export function sumMoney(items: readonly Money[], currency: string): Money {
  return items.reduce((total, m) => addMoney(total, m), zeroMoney(currency));
}

/** True if both have the same currency and amount. */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}
