import { Injectable } from '@nestjs/common';

/**
 * Tells a service when its broadcast handlers (`@OnEvent(X, { broadcast: true })`)
 * are subscribed: from then on every event published reaches them. Something
 * kept in memory from the database (a search index) loads only after
 * {@link started} resolves, so a change made between its load and the
 * subscription cannot be missed: it is either in what was loaded or in an
 * event still to come (the outbox publishes only after the write).
 */
@Injectable()
export class BroadcastSubscription {
  private resolve!: () => void;
  private reject!: (e: Error) => void;
  private readonly ready = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  constructor() {
    // A start that fails is reported by the transport; no unhandled rejection here.
    this.ready.catch(() => undefined);
  }

  /** Resolves once broadcast handlers receive every event published from now on (at once if there are none). */
  started(): Promise<void> {
    return this.ready;
  }

  /** Called by the transport. */
  markStarted(): void {
    this.resolve();
  }

  /** Called by the transport when the broadcast consumer could not start. */
  markFailed(e: Error): void {
    this.reject(e);
  }
}
