import { Injectable } from '@nestjs/common';
import { derivedId, OnTimer, TimerFired } from '@netdirect/runtime';
import { SCHEDULED_RUN } from '../../demand/demand-signals.service';
import { RunProcess } from '../run-process.service';

/**
 * The end of a batching window that collected demand: run procurement. The
 * run's id is derived from the window, so a retried timer finds its run
 * instead of starting another; while a run is in progress the start is a
 * conflict and the timer retries later.
 */
@Injectable()
export class ScheduledRunHandler {
  constructor(private readonly process: RunProcess) {}

  @OnTimer(SCHEDULED_RUN)
  async run({ id }: TimerFired): Promise<void> {
    await this.process.start('schedule', 'schedule', derivedId('scheduled-run', id));
  }
}
