import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, OrderCancelled } from '@netdirect/contracts';
import { CLOCK, Clock, derivedId, OnEvent } from '@netdirect/runtime';
import { ReadModels } from '../../read-models/read-models';
import { Shipment } from '../shipment';
import { ShipmentRepository } from '../shipment.repository';

/**
 * OrderCancelled → the order's outbound shipment, if not yet picked up, is
 * cancelled and its provider told on its handoff topic (ShipmentCancelled).
 * The cancellation is also kept in the order read model, so a StockCommitted
 * arriving later creates no shipment.
 */
@Controller()
export class CancelShipmentHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly read: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(OrderCancelled, { reads: ['orderId', 'cancelledAt'] })
  async onCancelled({ payload }: DecodedEvent<OrderCancelled>): Promise<void> {
    await this.read.setOrder(payload.orderId, { cancelledAt: new Date(payload.cancelledAt) });
    const id = derivedId('shipment', 'outbound', payload.orderId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const s = await this.shipments.find(id);
      if (!s) return;
      const change = Shipment.cancel(s, this.clock.now());
      if (!change || (await this.shipments.apply(change))) return;
    }
    throw new Error(`shipment ${id} kept changing`); // retried by the consumer
  }
}
