import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, TimerService } from '@netdirect/runtime';
import { AcceptanceDeadlines } from './acceptance-deadlines.service';
import { Shipment, ShipmentState } from './shipment';
import { ShipmentRepository } from './shipment.repository';
import { ShipmentRouting } from './shipment-routing.service';

export const PROVIDER_CHANGED = 'provider-changed';

/** What a provider-changed timer carries. */
export interface ProviderChangedData {
  providerId: string;
}

/**
 * Shipments routed again because providers changed: the unroutable ones
 * (a provider was registered, reactivated or widened), and the unaccepted
 * ones of a suspended provider. Each shipment moves by compare-and-set, so
 * any number of replicas may run this at once; a shipment another run moved
 * first is left alone.
 */
@Injectable()
export class RouteWaitingShipments {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly routing: ShipmentRouting,
    private readonly deadlines: AcceptanceDeadlines,
    private readonly timers: TimerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * After a provider's write at `seq`: a durable timer, due now, runs the
   * re-routing on one replica, with retries, after a restart too. Idempotent
   * by provider and seq, so the ops request that wrote the change may be
   * retried (and a retry that changes nothing schedules it again if a crash
   * came between the write and this).
   */
  async afterChange(providerId: string, seq: number): Promise<void> {
    await this.timers.schedule<ProviderChangedData>({ kind: PROVIDER_CHANGED, id: `${providerId}:${seq}`, dueAt: this.clock.now(), data: { providerId } });
  }

  /** Route every unroutable shipment again; those still without a provider keep waiting. Returns how many were routed. */
  async routeAll(): Promise<number> {
    return this.each({ status: 'unroutable' }, async (s) => {
      const now = this.clock.now();
      const { decision, parcels } = await this.routing.assign(s._id, Shipment.routedFrom(s), s.serviceLevel, s.lines, now);
      return Shipment.routeAgain(s, decision, parcels, now);
    });
  }

  /**
   * The provider was suspended: each shipment it has not accepted goes to
   * the next eligible provider (ShipmentRerouted, ShipmentCancelled on its
   * topic), or back to the unroutable queue when nobody else can take it.
   */
  async withdrawFrom(providerId: string): Promise<number> {
    return this.each({ providerId, status: 'requested' }, async (s) => {
      const now = this.clock.now();
      const { decision, parcels } = await this.routing.assign(s._id, Shipment.routedFrom(s), s.serviceLevel, s.lines, now, Shipment.passedOver(s));
      return Shipment.reroute(s, s.routing.length - 1, decision, parcels, now, 'provider-suspended') ?? Shipment.withdraw(s, providerId, decision, now);
    });
  }

  private async each(filter: Parameters<ShipmentRepository['list']>[0], decide: (s: ShipmentState) => Promise<ReturnType<typeof Shipment.routeAgain>>): Promise<number> {
    let moved = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.shipments.list(filter, after, 100);
      if (!page.length) return moved;
      after = page[page.length - 1]._id;
      for (const s of page) {
        const change = await decide(s);
        // A lost race means another run (or a status report) moved it meanwhile.
        if (!change || !(await this.shipments.apply(change))) continue;
        moved++;
        await this.deadlines.watch((await this.shipments.find(s._id))!);
      }
    }
  }
}
