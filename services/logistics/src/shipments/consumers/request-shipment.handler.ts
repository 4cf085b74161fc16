import { Controller, Inject } from '@nestjs/common';
import { DecodedEvent, StockCommitted } from '@netdirect/contracts';
import { CLOCK, Clock, derivedId, OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
import { ReadModels } from '../../read-models/read-models';
import { Shipment } from '../shipment';
import { ShipmentRepository } from '../shipment.repository';
import { ShipmentRouting } from '../shipment-routing.service';
import { AcceptanceDeadlines } from '../acceptance-deadlines.service';

/**
 * StockCommitted for a paid order → one outbound shipment for the order,
 * routed to a provider (ShipmentRequested on its handoff topic and on
 * logistics.shipments.v1, with its acceptance deadline as a durable timer)
 * or kept as unroutable. Waits for the order's
 * address and payment and the SKUs' sizes if they have not arrived yet.
 */
@Controller()
export class RequestShipmentHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly routing: ShipmentRouting,
    private readonly read: ReadModels,
    private readonly deadlines: AcceptanceDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(StockCommitted, { reads: ['orderId', 'lines'] })
  async onCommitted({ payload }: DecodedEvent<StockCommitted>): Promise<void> {
    const id = derivedId('shipment', 'outbound', payload.orderId);
    const existing = await this.shipments.find(id);
    // A redelivery after a crash between the write and the timer schedules it now.
    if (existing) return this.deadlines.watch(existing);
    const order = await this.read.order(payload.orderId);
    if (!order?.shippingAddress) throw new PrerequisiteMissing(`order ${payload.orderId} not placed yet`);
    if (!order.paidAt) throw new PrerequisiteMissing(`order ${payload.orderId} not paid yet`);
    if (order.cancelledAt) return; // cancelled before its stock was committed: nothing to ship
    const now = this.clock.now();
    const address = order.shippingAddress;
    const { decision, parcels, unknownSkus } = await this.routing.assign(id, address, 'standard', payload.lines, now);
    if (unknownSkus.length) throw new PrerequisiteMissing(`SKUs ${unknownSkus.join(', ')} not published yet`);
    const created = Shipment.create(
      { id, orderId: payload.orderId, direction: 'outbound', returnId: null, serviceLevel: 'standard', destination: address, pickup: null, lines: payload.lines },
      decision,
      parcels,
      now,
    );
    await this.shipments.insert(created.state, created.events);
    await this.deadlines.watch(created.state);
  }
}
