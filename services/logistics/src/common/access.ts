import { DomainError, Principal } from '@netdirect/runtime';

/** The role of a logistics provider's user; its subject is the provider id. */
export const PROVIDER_ROLE = 'logistics-provider' as const;

/** Ops see every provider's shipments. */
export function isOps(caller: Principal): boolean {
  return caller.roles.includes('ops');
}

/**
 * The provider filter of what a caller asks for: a provider always gets its
 * own (naming another is 403); ops get what they asked.
 */
export function providerFilter(caller: Principal, asked: string | undefined): string | undefined {
  if (isOps(caller)) return asked;
  if (!caller.roles.includes(PROVIDER_ROLE) || (asked !== undefined && asked !== caller.subject))
    throw DomainError.forbidden('A logistics provider may see only its own shipments');
  return caller.subject;
}

/** A provider reads only a shipment it carries; anything else is 403 whether or not it exists, so ids cannot be probed. */
export function assertMaySee(caller: Principal, providerId: string | null): void {
  if (isOps(caller)) return;
  if (!caller.roles.includes(PROVIDER_ROLE) || caller.subject !== providerId)
    throw DomainError.forbidden('A logistics provider may see only its own shipments');
}
