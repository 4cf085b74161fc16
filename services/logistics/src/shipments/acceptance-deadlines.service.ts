import { Injectable } from '@nestjs/common';
import { TimerService } from '@netdirect/runtime';
import { ProviderRepository } from '../providers/provider.repository';
import { ShipmentState } from './shipment';

export const ACCEPTANCE_DEADLINE = 'acceptance-deadline';

/** What an acceptance-deadline timer carries: which routing of the shipment it watches. */
export interface AcceptanceDeadlineData {
  shipmentId: string;
  routingIndex: number;
}

/**
 * A durable timer per routing of a shipment: if the provider has not
 * accepted by its acceptance deadline, the shipment is re-routed. Scheduled
 * after the shipment is written, idempotently (kind + `<shipment>:<routing>`),
 * by whatever wrote it; a retry schedules nothing new.
 */
@Injectable()
export class AcceptanceDeadlines {
  constructor(
    private readonly timers: TimerService,
    private readonly providers: ProviderRepository,
  ) {}

  async watch(s: ShipmentState): Promise<void> {
    if (s.status !== 'requested' || !s.providerId) return;
    const provider = await this.providers.find(s.providerId);
    if (!provider) return;
    const routingIndex = s.routing.length - 1;
    const requestedAt = new Date(s.routing[routingIndex].decidedAt);
    await this.timers.schedule<AcceptanceDeadlineData>({
      kind: ACCEPTANCE_DEADLINE,
      id: `${s._id}:${routingIndex}`,
      dueAt: new Date(requestedAt.getTime() + provider.acceptanceDeadlineMs),
      data: { shipmentId: s._id, routingIndex },
    });
  }
}
