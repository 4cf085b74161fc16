/**
 * Business volume (BV): the commissionable points a SKU carries, set by the
 * catalog per SKU and snapshotted on each order line. Always a non-negative
 * integer, so volume totals, rank qualification and commission bases never
 * depend on floating-point rounding.
 */
export type BusinessVolume = number;

/** True if `value` is a non-negative safe integer. */
export function isBusinessVolume(value: unknown): value is BusinessVolume {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Throws a RangeError unless `value` is a valid business volume. */
export function assertBusinessVolume(value: unknown, label = 'business volume'): asserts value is BusinessVolume {
  if (!isBusinessVolume(value)) {
    throw new RangeError(`${label} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/** Sum of volumes; throws if any is invalid or the total leaves the safe integer range. */
export function sumBusinessVolume(volumes: readonly BusinessVolume[]): BusinessVolume {
  let total = 0;
  for (const v of volumes) {
    assertBusinessVolume(v);
    total += v;
  }
  assertBusinessVolume(total, 'total business volume');
  return total;
}

/** The volume of a line: BV per unit × quantity (quantity a non-negative integer). */
export function lineBusinessVolume(bvPerUnit: BusinessVolume, quantity: number): BusinessVolume {
  assertBusinessVolume(bvPerUnit, 'BV per unit');
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`quantity must be a non-negative integer, got ${String(quantity)}`);
  }
  const total = bvPerUnit * quantity;
  assertBusinessVolume(total, 'line business volume');
  return total;
}
