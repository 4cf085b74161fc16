import { Controller } from '@nestjs/common';
import { DecodedEvent, OrderCancelled, OrderCompleted, OrderPaid, OrderPlaced, OrderRefunded } from '@netdirect/contracts';
import { OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
import { AccrueOrderService } from '../ledger/accrue-order.service';
import { ClawBackService } from '../ledger/claw-back.service';
import { CommissionOrdersRepository } from './commission-orders.repository';

/**
 * `orders.orders.v1` → the orders read model and the ledger: placed (lines
 * with price and BV snapshots), paid (accrual), refunded (clawback),
 * completed (its lines may be released), cancelled. One order's events share
 * a key, so they arrive in order.
 */
@Controller()
export class OrderEventsHandler {
  constructor(
    private readonly orders: CommissionOrdersRepository,
    private readonly accrual: AccrueOrderService,
    private readonly clawbacks: ClawBackService,
  ) {}

  @OnEvent(OrderPlaced, { reads: ['orderId', 'buyerId', 'buyerKind', 'referringOperatorId', 'market', 'currency', 'lines', 'placedAt'] })
  async onPlaced({ payload }: DecodedEvent<OrderPlaced>): Promise<void> {
    await this.orders.placed({
      _id: payload.orderId,
      buyerId: payload.buyerId,
      buyerKind: payload.buyerKind,
      sellerId: payload.referringOperatorId ?? null,
      market: payload.market,
      currency: payload.currency,
      lines: payload.lines.map((l) => ({
        lineId: l.lineId,
        quantity: l.quantity,
        priceKind: l.priceKind,
        bvPerUnit: l.bvPerUnit,
        unitPriceMinor: l.unitPrice.amount,
        memberUnitPriceMinor: l.memberUnitPrice?.amount ?? l.unitPrice.amount,
      })),
      placedAt: new Date(payload.placedAt).toISOString(),
      refunds: [],
    });
  }

  @OnEvent(OrderPaid, { reads: ['orderId', 'paidAt'] })
  async onPaid({ payload }: DecodedEvent<OrderPaid>): Promise<void> {
    await this.accrual.accrue(payload.orderId, payload.paidAt);
  }

  @OnEvent(OrderRefunded, { reads: ['orderId', 'refundId', 'returnId', 'lines', 'refundedAt'] })
  async onRefunded({ payload }: DecodedEvent<OrderRefunded>): Promise<void> {
    await this.clawbacks.clawBack(payload);
  }

  @OnEvent(OrderCompleted, { reads: ['orderId', 'completedAt'] })
  async onCompleted({ payload }: DecodedEvent<OrderCompleted>): Promise<void> {
    if (!(await this.orders.find(payload.orderId))) throw new PrerequisiteMissing(`order ${payload.orderId} not placed yet`);
    await this.orders.completed(payload.orderId, new Date(payload.completedAt).toISOString());
  }

  /** Nothing to undo here: a paid order's cancellation is followed by its OrderRefunded. An unknown order is nothing to commission. */
  @OnEvent(OrderCancelled, { reads: ['orderId', 'cancelledAt'] })
  async onCancelled({ payload }: DecodedEvent<OrderCancelled>): Promise<void> {
    await this.orders.cancelled(payload.orderId, new Date(payload.cancelledAt).toISOString());
  }
}
