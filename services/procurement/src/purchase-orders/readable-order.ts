import { DomainError, Principal } from '@netdirect/runtime';
import { isStaff, mayActFor } from '../common/access';
import { PurchaseOrderState } from './purchase-order';
import { PurchaseOrderRepository } from './purchase-order.repository';

/** The order, if the caller may act on it: its supplier, ops, finance; 403 for another supplier's, existing or not. */
export async function readableOrder(orders: PurchaseOrderRepository, id: string, caller: Principal): Promise<PurchaseOrderState> {
  const order = await orders.find(id);
  if (order && mayActFor(caller, order.supplierId)) return order;
  if (!order && isStaff(caller)) throw DomainError.notFound(`No purchase order ${id}`);
  throw DomainError.forbidden('A supplier may act only on its own purchase orders');
}
