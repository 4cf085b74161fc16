import { Controller, Inject } from '@nestjs/common';
import { CLOCK, Clock, OnTimer, TimerFired } from '@netdirect/runtime';
import { ACCEPTANCE_DEADLINE, AcceptanceDeadlineData, AcceptanceDeadlines } from '../../acceptance-deadlines.service';
import { Shipment } from '../../shipment';
import { ShipmentRepository } from '../../shipment.repository';
import { ShipmentRouting } from '../../shipment-routing.service';

/**
 * A provider's acceptance deadline passed: if it still has not accepted,
 * the shipment (same id) goes to the next eligible provider, never back to
 * one it was already requested from; with nobody else, it stays where it is.
 * A second run finds the routing moved on and does nothing.
 */
@Controller()
export class AcceptanceDeadlineHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly routing: ShipmentRouting,
    private readonly deadlines: AcceptanceDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnTimer(ACCEPTANCE_DEADLINE)
  async passed({ data }: TimerFired<AcceptanceDeadlineData>): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const s = await this.shipments.find(data.shipmentId);
      if (!s || s.status !== 'requested' || s.routing.length - 1 !== data.routingIndex) return;
      const now = this.clock.now();
      const { decision, parcels } = await this.routing.assign(s._id, Shipment.routedFrom(s), s.serviceLevel, s.lines, now, Shipment.passedOver(s));
      const change = Shipment.reroute(s, data.routingIndex, decision, parcels, now);
      if (!change) return;
      if (await this.shipments.apply(change)) {
        await this.deadlines.watch((await this.shipments.find(s._id))!);
        return;
      }
    }
    throw new Error(`shipment ${data.shipmentId} kept changing`); // the timer retries
  }
}
