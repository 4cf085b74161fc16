import { DomainError, Principal } from '@netdirect/runtime';

/** A member reads only its own commissions; finance and ops read all. */
export function assertMayRead(caller: Principal, memberId: string): void {
  if (caller.roles.includes('finance') || caller.roles.includes('ops')) return;
  if (caller.roles.includes('member') && caller.subject === memberId) return;
  throw DomainError.forbidden('A member reads only its own commissions');
}
