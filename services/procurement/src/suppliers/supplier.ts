import { SupplierRegistered } from '@netdirect/contracts';
import { Change, DomainError, domainEvent, DomainEvent } from '@netdirect/runtime';

/*
 * A supplier (A) the platform buys from. Plain code: no NestJS, no database.
 */

export const SUPPLIER_STATUSES = ['active', 'suspended'] as const;
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];

/** What is stored of a supplier (`suppliers`, `_id` = supplier id). */
export interface SupplierState {
  _id: string;
  name: string;
  country: string;
  orderEmail: string;
  currency: string;
  paymentTermsDays: number;
  status: SupplierStatus;
  registeredAt: Date;
  seq: number;
}

export interface SupplierInput {
  name: string;
  country: string;
  orderEmail: string;
  currency: string;
  paymentTermsDays: number;
}

export class Supplier {
  /** A new active supplier, in the platform currency only (suppliers are paid in it for now). */
  static register(id: string, input: SupplierInput, platformCurrency: string, at: Date): { state: SupplierState; events: DomainEvent[] } | DomainError {
    if (input.currency !== platformCurrency) return DomainError.rule('currency', `must be the platform currency ${platformCurrency}`);
    const state: SupplierState = { _id: id, ...input, status: 'active', registeredAt: at, seq: 0 };
    const data: SupplierRegistered = {
      supplierId: id,
      name: input.name,
      country: input.country,
      currency: input.currency,
      paymentTermsDays: input.paymentTermsDays,
      orderEmail: input.orderEmail,
      registeredAt: at.toISOString(),
    };
    return { state, events: [domainEvent(SupplierRegistered, data, at)] };
  }

  /** Suspend or reactivate: a suspended supplier gets no purchase orders from runs. Null when already so. */
  static changeStatus(s: SupplierState, status: SupplierStatus): Change<SupplierState> | null {
    if (s.status === status) return null;
    return { id: s._id, expectedSeq: s.seq, set: { status }, events: [] };
  }
}
