/**
 * A period is a calendar month (UTC) per market; its id is
 * `<market>-<YYYY-MM>`, e.g. `DE-2026-11`. An order belongs to the period in
 * which it was paid.
 */
const PERIOD_ID = /^([A-Z]{2})-(\d{4})-(0[1-9]|1[0-2])$/;

/** The period of `market` containing `instant` (an ISO-8601 string or a Date). */
export function periodIdOf(market: string, instant: string | Date): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${market}-${at.getUTCFullYear()}-${month}`;
}

/** True if `periodId` has the `<market>-<YYYY-MM>` shape. */
export function isPeriodId(periodId: string): boolean {
  return PERIOD_ID.test(periodId);
}

/** The market and the half-open UTC interval [start, end) of a period. */
export function periodBounds(periodId: string): { market: string; start: string; end: string } {
  const m = PERIOD_ID.exec(periodId);
  if (!m) throw new RangeError(`period id must look like DE-2026-11, got ${periodId}`);
  const year = Number(m[2]);
  const month = Number(m[3]);
  return {
    market: m[1],
    start: new Date(Date.UTC(year, month - 1, 1)).toISOString(),
    end: new Date(Date.UTC(year, month, 1)).toISOString(),
  };
}

/** Compares two period ids of the same market chronologically (ids sort as text). */
export function comparePeriodIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
