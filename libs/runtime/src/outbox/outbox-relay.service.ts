import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, headersFor } from '@netdirect/contracts';
import { Model } from 'mongoose';
import { MESSAGE_BROKER, MessageBroker, OutgoingMessage } from '../kafka/broker';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { documentLocks } from './document-locks';
import { OutboxFields, outboxSignals, PendingEvent } from './outbox.schema';

type OutboxDoc = OutboxFields & { _id: unknown };

const SWEEP_BATCH = 500;
const RELAY_BATCH = 64;

/**
 * Publishes the events aggregates keep in their documents, then clears them.
 *
 * At least once: events are published before they are cleared, so a crash in
 * between publishes them again and consumers (idempotent by event id) ignore
 * the duplicate. A document is leased while one relay works on it so that
 * replicas do not publish the same aggregate concurrently, which also keeps one
 * aggregate's events in order.
 *
 * Writes through {@link outboxPlugin} tell the relay which document they
 * touched, so the normal path reads and clears documents by `_id` only. A
 * sweep every OUTBOX_POLL_MS finds what the hints missed (another process's
 * crash, a failed publish, an expired lease). That matters on FerretDB v1,
 * whose SQLite backend uses an index only for a filter that is exactly
 * `{_id}` (`backends/sqlite/collection.go`): any other filter reads the whole
 * collection, and every write is a transaction of its own, one at a time.
 * There one instance writes and {@link documentLocks} makes a read-then-write
 * safe, so the relay takes no lease and clears with an `{_id}` filter; on
 * MongoDB it leases by compare-and-set and clears by compare-and-set on
 * `outboxSeq`.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models = new Map<string, Model<any>>();
  private readonly hints = new Map<string, Set<string>>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private pass?: Promise<void>;
  private sweeping?: Promise<void>;
  private again = false;
  private sweepDue = true;
  private singleWriterStore?: Promise<boolean>;
  private readonly onRecorded = (collection?: string, id?: unknown) => {
    if (collection && id !== undefined && id !== null) this.onHint(collection, String(id));
    else this.sweepDue = true;
    this.trigger();
  };

  private onHint(collection: string, id: string): void {
    const set = this.hints.get(collection) ?? new Set<string>();
    set.add(id);
    this.hints.set(collection, set);
  }

  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: RuntimeMetrics,
  ) {
    metrics.outboxBacklog.setCollector(async () => {
      const out: { collection: string; count: number }[] = [];
      for (const model of this.models.values()) {
        out.push({
          collection: model.collection.name,
          count: await model.countDocuments({ outboxPending: true }),
        });
      }
      return out;
    });
  }

  /** Relay the outbox of this model's documents (an aggregate using {@link outboxPlugin}). */
  watch(model: Model<any>): void {
    this.models.set(model.collection.name, model);
    this.sweepDue = true;
    if (this.running) this.trigger();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    outboxSignals.on('recorded', this.onRecorded);
    this.timer = setInterval(() => void this.periodicSweep(), this.config.outbox.pollMs);
    this.trigger();
  }

  /**
   * On a store that several replicas share, a sweep finds what another
   * replica's crash left behind. On the single-instance store every write of
   * this process hinted its document, and the sweep at start covers an earlier
   * crash, so there is nothing to find: and there a sweep reads the whole
   * collection (no index but `_id`), minutes at a million documents.
   */
  private async periodicSweep(): Promise<void> {
    const first = this.models.values().next().value as Model<any> | undefined;
    if (first && (await this.isSingleWriterStore(first))) return;
    this.sweepDue = true;
    this.trigger();
  }

  /** Stop polling and publish what is pending (the last step before the database closes). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    outboxSignals.off('recorded', this.onRecorded);
    clearInterval(this.timer);
    await this.pass;
    // Only what this process wrote (hinted): a sweep at shutdown could read a whole collection.
    // One in progress is abandoned; what it would have found stays pending for the next start.
    await this.runPass().catch((e) =>
      this.logger.error(`final outbox flush failed: ${(e as Error).message}`),
    );
  }

  /** Publish everything pending now; resolves when the outbox was empty at some point during the call. */
  async flush(): Promise<void> {
    await this.pass;
    await this.sweep();
    await this.runPass();
  }

  private trigger(): void {
    if (!this.running) return;
    if (this.sweepDue && !this.sweeping) {
      this.sweepDue = false;
      this.sweeping = this.sweep()
        .catch((e) => {
          this.logger.warn(`outbox sweep failed, will retry: ${(e as Error).message}`);
          setTimeout(() => {
            this.sweepDue = true;
            this.trigger();
          }, 1000).unref();
        })
        .finally(() => {
          this.sweeping = undefined;
          this.trigger();
        });
    }
    if (this.pass) {
      this.again = true;
      return;
    }
    this.pass = this.runPass()
      .catch((e) => this.logger.warn(`outbox pass failed, will retry: ${(e as Error).message}`))
      .finally(() => {
        this.pass = undefined;
        if (this.again && this.running) {
          this.again = false;
          this.trigger();
        }
      });
  }

  /**
   * Find pending documents the hints do not name and hint them. It runs beside
   * the publishing passes, never in front of them: where it reads a whole
   * collection, new events are not held up behind it.
   */
  private async sweep(): Promise<void> {
    for (const [collection, model] of this.models) {
      const pending = await model
        .find({ outboxPending: true }, { _id: 1 })
        .limit(SWEEP_BATCH)
        .lean<{ _id: unknown }[]>()
        .exec();
      for (const doc of pending) this.onHint(collection, String(doc._id));
      if (pending.length === SWEEP_BATCH) this.sweepDue = true;
    }
  }

  private async runPass(): Promise<void> {
    for (const [collection, model] of this.models) {
      const ids = [...(this.hints.get(collection) ?? [])];
      this.hints.delete(collection);
      await this.relayAll(model, ids);
    }
  }

  /**
   * Up to RELAY_BATCH documents at a time: their events go to Kafka in one
   * send per topic (each document's events stay in order), then each document
   * is cleared. The documents are locked meanwhile, so no write slips in
   * between the read and the clear.
   */
  private async relayAll(model: Model<any>, ids: string[]): Promise<void> {
    const single = await this.isSingleWriterStore(model);
    const failures: unknown[] = [];
    for (let i = 0; i < ids.length; i += RELAY_BATCH) {
      const batch = ids.slice(i, i + RELAY_BATCH);
      await this.relayBatch(model, batch, single).catch((e) => {
        failures.push(e);
        // Try these documents again shortly (Kafka or the database may be back by then).
        for (const id of batch) this.onHint(model.collection.name, id);
      });
    }
    if (failures.length) {
      setTimeout(() => this.trigger(), Math.min(this.config.outbox.pollMs, 1000)).unref();
      throw failures[0];
    }
  }

  private async relayBatch(model: Model<any>, ids: string[], single: boolean): Promise<void> {
    const keys = ids.map((id) => `${model.collection.name}:${id}`);
    await documentLocks.runAll(keys, async () => {
      const read = await Promise.all(ids.map((id) => model.findById(id).lean<OutboxDoc>().exec()));
      const now = new Date();
      const docs: OutboxDoc[] = [];
      for (const doc of read) {
        if (!doc || !doc.outboxPending || !doc.outbox?.length) continue;
        // Another relay holds it; if that relay died, a sweep after the lease takes over.
        if (doc.outboxLeaseUntil && new Date(doc.outboxLeaseUntil) > now) continue;
        if (!single) {
          // Replicas share the store: take a lease by compare-and-set before publishing.
          const lease = { $set: { outboxLeaseUntil: new Date(now.getTime() + this.config.outbox.leaseMs) } };
          const claimed = await model
            .updateOne({ _id: doc._id, outboxLeaseUntil: doc.outboxLeaseUntil ?? null }, lease)
            .exec();
          if (claimed.matchedCount !== 1) continue;
        }
        // On the single-instance store the document lock is the lease: one write fewer per event.
        docs.push(doc);
      }
      if (docs.length === 0) return;
      try {
        await this.publish(docs.flatMap((d) => d.outbox));
      } catch (e) {
        // Leave the events in place and release the leases; the next pass retries.
        if (!single) {
          for (const d of docs)
            await model.updateOne({ _id: d._id }, { $set: { outboxLeaseUntil: null } }).exec();
        }
        throw e;
      }
      const cleared = await Promise.allSettled(docs.map((d) => this.clear(model, d)));
      const failed = cleared.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    });
  }

  /** FerretDB answers buildInfo with `ferretdbVersion`; see the class comment for why that matters. */
  private isSingleWriterStore(model: Model<any>): Promise<boolean> {
    this.singleWriterStore ??= model.db
      .db!.admin()
      .command({ buildInfo: 1 })
      .then((info) => 'ferretdbVersion' in info)
      .catch(() => {
        this.singleWriterStore = undefined;
        return false;
      });
    return this.singleWriterStore;
  }

  /** Publish in order, one send per run of consecutive events on the same topic. */
  protected async publish(events: PendingEvent[]): Promise<void> {
    let i = 0;
    while (i < events.length) {
      const topic = events[i].topic;
      const run: OutgoingMessage[] = [];
      while (i < events.length && events[i].topic === topic) {
        const e = events[i];
        run.push({
          key: e.key,
          value: e.value,
          headers: headersFor(JSON.parse(e.value) as EventEnvelope<object>),
        });
        i++;
      }
      await this.broker.send(topic, run);
      this.metrics.outboxPublished.inc({ topic }, run.length);
    }
  }

  /** Remove exactly the published events; retry the compare-and-set if new events were recorded meanwhile. */
  protected async clear(model: Model<any>, published: OutboxDoc): Promise<void> {
    const ids = new Set(published.outbox.map((e) => e.id));
    let current: OutboxDoc | null = published;
    for (let attempt = 0; attempt < 20 && current; attempt++) {
      const remaining = current.outbox.filter((e) => !ids.has(e.id));
      const filter = (await this.isSingleWriterStore(model))
        ? { _id: current._id }
        : { _id: current._id, outboxSeq: current.outboxSeq };
      const res = await model
        .updateOne(filter, {
          $set: { outbox: remaining, outboxPending: remaining.length > 0, outboxLeaseUntil: null },
        })
        .exec();
      if (res.matchedCount === 1) return;
      current = await model
        .findOne({ _id: published._id }, { outbox: 1, outboxSeq: 1 })
        .lean<OutboxDoc>()
        .exec();
    }
    if (current) throw new Error(`could not clear the outbox of ${String(published._id)} after 20 attempts`);
  }
}
