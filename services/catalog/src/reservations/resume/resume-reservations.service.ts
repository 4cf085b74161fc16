import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_SETTINGS } from '@netdirect/runtime';
import { CatalogSettings } from '../../catalog.settings';
import { ReservationProcess } from '../reservation-process.service';

/**
 * Finishes reservation steps a crashed replica left half done (a pending
 * reservation with some SKUs held, a release or commit midway): once at start,
 * then every CATALOG_RESERVATION_RESUME_INTERVAL. Only steps whose lease lapsed
 * are taken, so a live replica's work is left alone; every step is idempotent,
 * so two replicas resuming at once do no harm.
 */
@Injectable()
export class ResumeReservationsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Reservations');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly process: ReservationProcess,
    @Inject(SERVICE_SETTINGS) private readonly settings: CatalogSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.pass();
    this.timer = setInterval(() => void this.pass(), this.settings.CATALOG_RESERVATION_RESUME_INTERVAL);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const n = await this.process.resume();
        if (n) this.log.log(`resumed ${n} half-done reservation step(s)`);
      } catch (e) {
        this.log.warn(`resume pass failed: ${(e as Error).message}`);
      }
    })();
    await this.running;
    this.running = undefined;
  }
}
