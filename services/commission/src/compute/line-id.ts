import { hash } from 'node:crypto';
import type { CommissionRule } from './model';

/**
 * The ledger id of a commission line: a stable hash of (order, order line,
 * beneficiary, rule), so an estimate, its final line and any replay of the
 * same event name the same line. `cl_` + 32 hex digits (128 bits of SHA-1):
 * id-safe (letters, digits, underscore) and well under the 128-character limit.
 */
export function commissionLineId(orderId: string, orderLineId: string, beneficiaryId: string, rule: CommissionRule): string {
  // crypto.hash: the one-shot digest, about four times faster than createHash for short inputs (a close hashes every line).
  const hex = hash('sha1', `${orderId}\u0000${orderLineId}\u0000${beneficiaryId}\u0000${rule}`, 'hex');
  return `cl_${hex.slice(0, 32)}`;
}
