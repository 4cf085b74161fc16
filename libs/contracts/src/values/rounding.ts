import { assertBasisPoints, BasisPoints, FULL_RATE_BPS } from './basis-points.value';

/*
 * THE ROUNDING RULE (the same in every service):
 *
 *   applyRate(amount, bps) = trunc(amount × bps / 10 000)
 *
 * i.e. round toward zero: floor for non-negative amounts, and for negative
 * amounts (refunds, clawbacks) the exact mirror, so a clawback of a line is
 * always the negative of the accrual it reverses. The product is computed with
 * BigInt, so no amount loses precision on the way. Whatever a rate leaves over
 * (the rounding dust and any unallocated share) is never dropped silently: the
 * caller records it explicitly, e.g. as a company line (see splitByRates).
 */

const BPS_DENOMINATOR = BigInt(FULL_RATE_BPS);

function assertMinorUnits(amount: unknown, label = 'amount'): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new RangeError(`${label} must be a safe integer number of minor units, got ${String(amount)}`);
  }
}

function toSafeNumber(value: bigint, label: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${label} ${value.toString()} is outside the safe integer range`);
  }
  return Number(value);
}

/**
 * `amountMinor × bps / 10 000`, rounded toward zero (see the rule above).
 * Symmetric: `applyRate(-x, r) === -applyRate(x, r)`.
 *
 * @throws RangeError if the amount is not a safe integer, the rate is not
 * valid basis points, or the result leaves the safe integer range.
 */
export function applyRate(amountMinor: number, bps: BasisPoints): number {
  assertMinorUnits(amountMinor);
  assertBasisPoints(bps);
  // BigInt division truncates toward zero, which is exactly the rule.
  const result = toSafeNumber((BigInt(amountMinor) * BigInt(bps)) / BPS_DENOMINATOR, 'applyRate result');
  return result === 0 ? 0 : result; // never -0
}

/** The result of {@link splitByRates}. */
export interface RateSplit {
  /** `shares[i] = applyRate(amount, ratesBps[i])`. */
  shares: number[];
  /**
   * `amount − Σ shares`: the part no rate claimed, including rounding dust.
   * Same sign as the amount (or zero); record it explicitly, never drop it.
   */
  residue: number;
}

/**
 * Split an amount by several rates of it (e.g. override levels of one order
 * line). Each share is {@link applyRate} of the whole amount, so a share never
 * depends on the order or number of the other rates; the residue makes the
 * split exact: `Σ shares + residue === amountMinor` always.
 *
 * @throws RangeError if the rates add up to more than 100 % (10 000 bp), since
 * a split can only hand out what there is.
 */
export function splitByRates(amountMinor: number, ratesBps: readonly BasisPoints[]): RateSplit {
  assertMinorUnits(amountMinor);
  let totalBps = 0;
  ratesBps.forEach((r, i) => {
    assertBasisPoints(r, `ratesBps[${i}]`);
    totalBps += r;
  });
  if (totalBps > FULL_RATE_BPS) {
    throw new RangeError(`rates add up to ${totalBps} bp, more than the whole amount (${FULL_RATE_BPS} bp)`);
  }
  const shares = ratesBps.map((r) => applyRate(amountMinor, r));
  const residue = amountMinor - shares.reduce((sum, s) => sum + s, 0);
  return { shares, residue: residue === 0 ? 0 : residue };
}

/**
 * Divide an amount into parts proportional to integer weights, so that the
 * parts add up to EXACTLY the amount (e.g. a refund over the order lines,
 * weighted by each line's total).
 *
 * Largest-remainder method: each part first gets its truncated exact share;
 * the minor units left over go one each to the parts with the largest
 * remainders, ties to the lowest index. Negative amounts mirror positive ones.
 * A zero weight always gets zero.
 *
 * @throws RangeError for a negative or non-integer weight, or a non-zero
 * amount with no positive weight to carry it.
 */
export function allocateProportionally(amountMinor: number, weights: readonly number[]): number[] {
  assertMinorUnits(amountMinor);
  weights.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new RangeError(`weights[${i}] must be a non-negative safe integer, got ${String(w)}`);
    }
  });
  const totalWeight = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (amountMinor === 0) return weights.map(() => 0);
  if (totalWeight === 0n) {
    throw new RangeError(`cannot allocate ${amountMinor} over weights that are all zero`);
  }
  const sign = amountMinor < 0 ? -1 : 1;
  const magnitude = BigInt(Math.abs(amountMinor));
  const base: bigint[] = [];
  const remainders: bigint[] = [];
  for (const w of weights) {
    const exact = magnitude * BigInt(w);
    base.push(exact / totalWeight);
    remainders.push(exact % totalWeight);
  }
  let leftover = magnitude - base.reduce((sum, b) => sum + b, 0n);
  // Fewer leftover units than parts with a non-zero remainder, so one pass suffices.
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : a - b));
  for (const i of order) {
    if (leftover === 0n) break;
    base[i] += 1n;
    leftover -= 1n;
  }
  return base.map((b) => {
    const n = Number(b) * sign;
    return n === 0 ? 0 : n;
  });
}
