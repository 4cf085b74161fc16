import { Controller } from '@nestjs/common';
import { DecodedEvent, ShipmentDelivered, ShipmentDispatched, ShipmentReturnedToSender } from '@netdirect/contracts';
import { DomainError, OnEvent } from '@netdirect/runtime';
import { Markets } from '../../../markets/markets.service';
import { OrderProcess } from '../../order-process.service';

/**
 * Logistics moves a paid order: dispatched → shipped, delivered → delivered
 * with the market's return window (a durable timer completes it), returned
 * to sender (the outbound parcel failed for good) → returned and refunded in
 * full. A return parcel's events (`direction: return`) are never the order's
 * own parcel; and the aggregate's guards (its status, its shipment id) make a
 * duplicate, a late event, or an older message without `direction` for
 * another shipment change nothing.
 */
@Controller()
export class ShipmentEventsHandler {
  constructor(
    private readonly process: OrderProcess,
    private readonly markets: Markets,
  ) {}

  @OnEvent(ShipmentDispatched, { reads: ['orderId', 'shipmentId', 'direction'] })
  async onDispatched({ payload }: DecodedEvent<ShipmentDispatched>): Promise<void> {
    if (payload.direction === 'return') return;
    await this.process.onEvent(payload.orderId, (o, now) => o.ship(payload.shipmentId, now));
  }

  @OnEvent(ShipmentDelivered, { reads: ['orderId', 'shipmentId', 'direction'] })
  async onDelivered({ payload }: DecodedEvent<ShipmentDelivered>): Promise<void> {
    if (payload.direction === 'return') return;
    await this.process.onEvent(payload.orderId, (o, now) => {
      const rules = this.markets.of(o.state.market);
      if (rules instanceof DomainError) return rules;
      return o.deliver(payload.shipmentId, now, rules.returnWindowMs);
    });
  }

  @OnEvent(ShipmentReturnedToSender, { reads: ['orderId', 'shipmentId', 'direction'] })
  async onReturnedToSender({ payload }: DecodedEvent<ShipmentReturnedToSender>): Promise<void> {
    if (payload.direction === 'return') return;
    await this.process.onEvent(payload.orderId, (o, now) => o.returnedToSender(payload.shipmentId, now));
  }
}
