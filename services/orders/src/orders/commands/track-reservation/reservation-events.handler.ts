import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, StockCommitFailed, StockReleased, StockReservationRejected, StockReserved } from '@netdirect/contracts';
import { OnEvent, SERVICE_SETTINGS } from '@netdirect/runtime';
import { OrdersSettings } from '../../../orders.settings';
import { rejectionReasonFor } from '../../order';
import { OrderProcess } from '../../order-process.service';

/**
 * The catalog's answers about an order's stock move the order. Each is
 * guarded in the aggregate: only a placed order is confirmed or rejected,
 * only an unpaid one is cancelled by a lapsed reservation, only a paid one
 * by a failed commit, so a duplicate or a late answer changes nothing.
 */
@Controller()
export class ReservationEventsHandler {
  constructor(
    private readonly process: OrderProcess,
    @Inject(SERVICE_SETTINGS) private readonly settings: OrdersSettings,
  ) {}

  @OnEvent(StockReserved, { reads: ['orderId', 'reservationId', 'expiresAt'] })
  async onReserved({ payload }: DecodedEvent<StockReserved>): Promise<void> {
    await this.process.onEvent(payload.orderId, (o, now) =>
      o.confirm(payload.reservationId, new Date(payload.expiresAt), now, this.settings.ORDERS_PAYMENT_WINDOW),
    );
  }

  @OnEvent(StockReservationRejected, { reads: ['orderId', 'reason', 'shortLines'] })
  async onRejected({ payload }: DecodedEvent<StockReservationRejected>): Promise<void> {
    const detail = payload.shortLines.map((l) => `${l.skuId}: ${l.requested} wanted, ${l.available} available`).join('; ');
    await this.process.onEvent(payload.orderId, (o, now) => o.reject(rejectionReasonFor(payload.reason), detail.slice(0, 1000) || undefined, now));
  }

  /** Only a lapsed reservation matters here; the other releases answer our own cancellations. */
  @OnEvent(StockReleased, { reads: ['orderId', 'reservationId', 'reason'] })
  async onReleased({ payload }: DecodedEvent<StockReleased>): Promise<void> {
    if (payload.reason !== 'reservation-expired') return;
    await this.process.onEvent(payload.orderId, (o, now) => o.reservationLapsed(payload.reservationId, now));
  }

  @OnEvent(StockCommitFailed, { reads: ['orderId', 'reservationId'] })
  async onCommitFailed({ payload }: DecodedEvent<StockCommitFailed>): Promise<void> {
    await this.process.onEvent(payload.orderId, (o, now) => o.commitFailed(payload.reservationId, now));
  }
}
