import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, SERVICE_SETTINGS, TimerService } from '@netdirect/runtime';
import { ProcurementSettings } from '../procurement.settings';
import { DemandEntry } from './demand';
import { DemandRepository } from './demand.repository';

/** The timer kind of a scheduled run; its id is the batching window it closes. */
export const SCHEDULED_RUN = 'procurement-run';

/**
 * Enters demand signals, and makes sure a run is scheduled at the end of the
 * batching window the signal arrived in: the first signal of a window
 * schedules it (timers are idempotent by kind and id), later ones find it
 * scheduled, so a window's demand is bought together.
 */
@Injectable()
export class DemandSignals {
  constructor(
    private readonly demand: DemandRepository,
    private readonly timers: TimerService,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async add(skuId: string, key: string, entry: DemandEntry): Promise<void> {
    await this.demand.add(skuId, key, entry);
    // Also when the entry was there already: a crash after the entry and before the timer must not leave it unscheduled.
    const window = this.settings.PROCUREMENT_BATCH_WINDOW;
    const bucket = Math.floor(this.clock.now().getTime() / window);
    await this.timers.schedule({ kind: SCHEDULED_RUN, id: String(bucket), dueAt: new Date((bucket + 1) * window), data: { window: bucket } });
  }
}
