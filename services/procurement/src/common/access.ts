import { DomainError, Principal } from '@netdirect/runtime';

/**
 * Whether the caller may read or act on a supplier's resources: ops and
 * finance on every supplier's, a supplier user (role `supplier`, subject =
 * supplier id) only on its own. Anything else is 403, whether or not the
 * resource exists, so ids cannot be probed.
 */
export function mayActFor(caller: Principal, supplierId: string): boolean {
  if (isStaff(caller)) return true;
  return caller.roles.includes('supplier') && caller.subject === supplierId;
}

export function assertActsFor(caller: Principal, supplierId: string): void {
  if (!mayActFor(caller, supplierId)) throw DomainError.forbidden('A supplier may act only on its own price lists, purchase orders and invoices');
}

/**
 * The supplier filter of a list a caller asks for: a supplier user always
 * gets its own (naming another is 403); ops and finance get what they asked.
 */
export function supplierFilter(caller: Principal, asked: string | undefined): string | undefined {
  if (isStaff(caller)) return asked;
  if (!caller.roles.includes('supplier') || (asked !== undefined && asked !== caller.subject))
    throw DomainError.forbidden("A supplier may list only its own resources");
  return caller.subject;
}


/** Ops and finance: platform staff, who see every supplier's resources. */
export function isStaff(caller: Principal): boolean {
  return caller.roles.includes('ops') || caller.roles.includes('finance');
}
