import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@netdirect/runtime';
import { AcceptanceDeadlines } from './acceptance-deadlines.service';
import { Shipment } from './shipment';
import { ShipmentRepository } from './shipment.repository';
import { ShipmentRouting } from './shipment-routing.service';

/** Shipments nobody could take are routed again when providers change. */
@Injectable()
export class RouteWaitingShipments {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly routing: ShipmentRouting,
    private readonly deadlines: AcceptanceDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Route every unroutable shipment again; those still without a provider keep waiting. Returns how many were routed. */
  async routeAll(): Promise<number> {
    let routed = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.shipments.list({ status: 'unroutable' }, after, 100);
      if (!page.length) return routed;
      after = page[page.length - 1]._id;
      for (const s of page) {
        const now = this.clock.now();
        const { decision, parcels } = await this.routing.decide(Shipment.routedFrom(s), s.serviceLevel, s.lines, now);
        const change = Shipment.routeAgain(s, decision, parcels, now);
        if (!change) continue;
        await this.routing.charge(decision.providerId!, s._id, now);
        // A lost race means someone else routed it meanwhile.
        if (await this.shipments.apply(change)) {
          routed++;
          await this.deadlines.watch((await this.shipments.find(s._id))!);
        }
      }
    }
  }
}
