import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_SETTINGS } from '@netdirect/runtime';
import { ProcurementSettings } from '../../procurement.settings';
import { RunProcess } from '../run-process.service';

/**
 * Finishes a run a crashed replica left half done (its lease lapsed): once
 * at start, then every PROCUREMENT_RUN_RESUME_INTERVAL. Every step of a run
 * is idempotent, so resuming issues no order twice.
 */
@Injectable()
export class ResumeRunsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ProcurementRuns');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly process: RunProcess,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.pass();
    this.timer = setInterval(() => void this.pass(), this.settings.PROCUREMENT_RUN_RESUME_INTERVAL);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One resume pass; answers how many runs it resumed. */
  async pass(): Promise<number> {
    if (this.running) return 0;
    let resumed = 0;
    this.running = (async () => {
      try {
        resumed = await this.process.resume();
        if (resumed) this.log.log('resumed a procurement run a crashed replica left');
      } catch (e) {
        this.log.warn(`resume pass failed: ${(e as Error).message}`);
      }
    })();
    await this.running;
    this.running = undefined;
    return resumed;
  }
}
