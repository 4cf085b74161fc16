import { DomainError, Principal } from '@netdirect/runtime';
import { OrderState } from './order';

/** A member reads its own orders, ops read all; anyone else gets 403 (also for an order that does not exist, so ids cannot be probed). */
export function assertCanRead(caller: Principal, order: OrderState | null): asserts order is OrderState {
  if (caller.roles.includes('ops')) {
    if (!order) throw DomainError.notFound('No such order');
    return;
  }
  if (!order || order.buyerId !== caller.subject) throw DomainError.forbidden('This order is not yours');
}
