/**
 * A rate in basis points: 1 bp = 0.01 %, so 10 000 bp = 100 %.
 *
 * Rates are integers so that every party (commission, pricing, the plan linter)
 * computes the same result; a rate above 100 % is allowed (up to 1 000 %) for
 * markups, never for shares of an amount.
 */
export type BasisPoints = number;

/** 100 % in basis points. */
export const FULL_RATE_BPS: BasisPoints = 10_000;

/** The largest rate accepted anywhere (1 000 %), a guard against unit mistakes such as percent × 1 000. */
export const MAX_BASIS_POINTS: BasisPoints = 100_000;

/** True if `value` is an integer from 0 to {@link MAX_BASIS_POINTS}. */
export function isBasisPoints(value: unknown): value is BasisPoints {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_BASIS_POINTS;
}

/**
 * Throws a RangeError unless `value` is a valid rate. Call it where a rate
 * enters the domain (plan data, pricing policy) so a bad rate fails loudly
 * there, not as a wrong amount later.
 */
export function assertBasisPoints(value: unknown, label = 'rate'): asserts value is BasisPoints {
  if (!isBasisPoints(value)) {
    throw new RangeError(`${label} must be an integer number of basis points from 0 to ${MAX_BASIS_POINTS}, got ${String(value)}`);
  }
}
