/** Display helpers for explanations and reasons: points, rates and money in words. */

/** Hundredths of a point as points, e.g. 4999 → "49.99". */
export function formatPoints(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage, e.g. 2500 → "25%", 250 → "2.5%". */
export function formatBps(bps: number): string {
  return `${bps / 100}%`;
}

const exponents = new Map<string, number>();

/** Minor units of `currency` in its major unit, e.g. (150, 'EUR') → "1.50 EUR"; exact, never through floats. */
export function formatMinor(amountMinor: number, currency: string): string {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    try {
      exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      exponent = 2;
    }
    exponents.set(currency, exponent);
  }
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return `${sign}${major} ${currency}`;
}
