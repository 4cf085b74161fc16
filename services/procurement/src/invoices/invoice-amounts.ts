import { DomainError } from '@netdirect/runtime';

/** Every amount must be in the order's currency: 422 naming the first line that is not. */
export function assertCurrency(amounts: { currency: string }[], currency: string, field: (i: number) => string): void {
  const i = amounts.findIndex((m) => m.currency !== currency);
  if (i >= 0) throw DomainError.rule(field(i), `must be the order's currency ${currency}`);
}
