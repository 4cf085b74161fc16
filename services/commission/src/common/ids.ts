import { DomainError } from '@netdirect/runtime';

/** The longest id any event carries (`IsId` in the contracts). */
export const MAX_ID_LENGTH = 128;

/** A path id no event could carry is a 400 naming it, before any read. */
export function checkId(value: string, field = 'id'): string {
  if (value.length === 0 || value.length > MAX_ID_LENGTH) throw DomainError.invalid(field, `must be 1 to ${MAX_ID_LENGTH} characters`);
  return value;
}
