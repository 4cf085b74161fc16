import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, headersFor } from '@netdirect/contracts';
import { Model } from 'mongoose';
import { MESSAGE_BROKER, MessageBroker, OutgoingMessage } from '../kafka/broker';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { OutboxFields, outboxSignals, PENDING_OUTBOX, PendingEvent } from './outbox.schema';

type OutboxDoc = Pick<OutboxFields, 'outbox' | 'outboxSeq'> & { _id: any };

/** Documents no relay holds at `now`: never leased, released, or the lease expired. */
function noLiveLease(now: Date) {
  return { $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lte: now } }] };
}

/** A hinted id (a string) as the collection stores it, cast by the model's `_id` type (an ObjectId, say). */
function castId(model: Model<any>, id: string): any {
  const path = model.schema.path('_id') as { cast?: (value: unknown) => unknown } | undefined;
  try {
    return path?.cast ? path.cast(id) : id;
  } catch {
    return id;
  }
}

const SWEEP_BATCH = 500;
/** Events younger than this are left to the relay of the process that recorded them. */
const SWEEP_GRACE_MS = 5000;
const RELAY_BATCH = 64;
/** The backlog gauge counts up to this many documents per collection. */
const BACKLOG_CAP = 10000;

/**
 * Publishes the events aggregates keep in their documents, then clears them.
 * One code path on every store (MongoDB, the embedded mongo-java-server), and
 * any number of replicas:
 *
 * 1. **Claim** a document by `_id` with a compare-and-set that takes a lease
 *    (`outboxLeaseUntil`) only if nobody holds one, and read its events in the
 *    same round trip (`findOneAndUpdate`).
 * 2. **Publish** the claimed documents' events (one Kafka send per topic for a
 *    batch of up to 64 documents; idempotent producer, `acks=all`).
 * 3. **Clear** each document by compare-and-set on `outboxSeq`; if events were
 *    recorded meanwhile, remove exactly the published ones and go again.
 *
 * At least once: a crash between 2 and 3 publishes again after the lease
 * expires, and consumers (idempotent by event id) ignore the duplicate. The
 * lease keeps one aggregate's events in order across replicas. Every filter
 * names the `_id`, so publishing never depends on a non-unique index.
 *
 * Which documents: a write through {@link outboxPlugin} names its document
 * (a hint) and wakes the relay. A sweep at start and every OUTBOX_POLL_MS finds
 * what no hint named: another process's crash, an expired lease, a failed
 * publish. It reads only pending documents ({@link PENDING_OUTBOX}).
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models = new Map<string, Model<any>>();
  private readonly hints = new Map<string, Set<string>>();
  /** Documents a pass of this relay is working on now, by collection: a sweep does not hint them again. */
  private readonly inFlight = new Map<string, Set<string>>();
  /** Runtime-made topics (`alsoTo`) known to exist: each is ensured once per process. */
  private readonly ensuredTopics = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private pass?: Promise<void>;
  private sweeping?: Promise<void>;
  private again = false;
  private sweepDue = true;
  private readonly onRecorded = (collection?: string, id?: unknown) => {
    if (collection && id !== undefined && id !== null) this.hint(collection, String(id));
    else this.sweepDue = true;
    this.trigger();
  };

  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: RuntimeMetrics,
  ) {
    metrics.outboxBacklog.setCollector(async () => {
      const out: { collection: string; count: number }[] = [];
      for (const model of this.models.values()) {
        const pending = await model.find(PENDING_OUTBOX, { _id: 1 }).limit(BACKLOG_CAP).lean().exec();
        out.push({ collection: model.collection.name, count: pending.length });
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
    this.timer = setInterval(() => {
      this.sweepDue = true;
      this.trigger();
    }, this.config.outbox.pollMs);
    this.trigger();
  }

  /** Stop sweeping and publish what this process recorded (the last step before the database closes). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    outboxSignals.off('recorded', this.onRecorded);
    clearInterval(this.timer);
    await this.pass;
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

  private hint(collection: string, id: string): void {
    const set = this.hints.get(collection) ?? new Set<string>();
    set.add(id);
    this.hints.set(collection, set);
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
   * Find pending documents the hints do not name, and hint them. Runs beside
   * the passes, never in front. It skips what a relay holds now, what this
   * relay is already on, and what was recorded in the last seconds (the
   * writer's own relay is on it), so that a sweep does not send relays after
   * documents that are being published: each such claim is a wasted write.
   */
  private async sweep(): Promise<void> {
    const now = new Date();
    for (const [collection, model] of this.models) {
      const pending = await model
        .find(
          {
            ...PENDING_OUTBOX,
            ...noLiveLease(now),
            'outbox.0.recordedAt': { $lte: new Date(now.getTime() - SWEEP_GRACE_MS) },
          },
          { _id: 1 },
        )
        .limit(SWEEP_BATCH)
        .lean<{ _id: unknown }[]>()
        .exec();
      const busy = this.inFlight.get(collection);
      for (const doc of pending) if (!busy?.has(String(doc._id))) this.hint(collection, String(doc._id));
      if (pending.length === SWEEP_BATCH) this.sweepDue = true;
    }
  }

  private async runPass(): Promise<void> {
    for (const [collection, model] of this.models) {
      const ids = [...(this.hints.get(collection) ?? [])];
      this.hints.delete(collection);
      if (!ids.length) continue;
      const busy = this.inFlight.get(collection) ?? new Set<string>();
      this.inFlight.set(collection, busy);
      ids.forEach((id) => busy.add(id));
      try {
        await this.relayAll(model, ids);
      } finally {
        ids.forEach((id) => busy.delete(id));
      }
    }
  }

  private async relayAll(model: Model<any>, ids: string[]): Promise<void> {
    const failures: unknown[] = [];
    for (let i = 0; i < ids.length; i += RELAY_BATCH) {
      const batch = ids.slice(i, i + RELAY_BATCH);
      await this.relayBatch(model, batch).catch((e) => {
        failures.push(e);
        // Try these documents again shortly (Kafka or the database may be back by then).
        for (const id of batch) this.hint(model.collection.name, id);
      });
    }
    if (failures.length) {
      setTimeout(() => this.trigger(), Math.min(this.config.outbox.pollMs, 1000)).unref();
      throw failures[0];
    }
  }

  private async relayBatch(model: Model<any>, ids: string[]): Promise<void> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + this.config.outbox.leaseMs);
    const claimed = (await Promise.all(ids.map((id) => this.claim(model, id, now, leaseUntil)))).filter(
      (doc): doc is OutboxDoc => doc !== null && doc.outbox.length > 0,
    );
    if (claimed.length === 0) return;
    try {
      await this.publish(claimed.flatMap((d) => d.outbox));
    } catch (e) {
      // Leave the events in place and give the leases back; the next pass retries.
      await Promise.allSettled(
        claimed.map((d) =>
          model.collection.updateOne({ _id: d._id, outboxLeaseUntil: leaseUntil }, { $set: { outboxLeaseUntil: null } }),
        ),
      );
      throw e;
    }
    const cleared = await Promise.allSettled(claimed.map((d) => this.clear(model, d)));
    const failed = cleared.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  /**
   * Take the document's lease if it has events and nobody holds a live lease,
   * and read its events, in one compare-and-set. `null`: nothing to do here
   * (no events, or another relay owns them; if that relay died, a sweep after
   * the lease takes over).
   */
  private claim(model: Model<any>, id: string, now: Date, leaseUntil: Date): Promise<OutboxDoc | null> {
    // The relay's writes go to the driver's collection: they carry no events, so they need
    // none of the model's hooks, and mongoose's query building cost more than the write.
    return model.collection.findOneAndUpdate(
      {
        _id: castId(model, id),
        outboxPendingId: { $exists: true },
        ...noLiveLease(now),
      },
      { $set: { outboxLeaseUntil: leaseUntil } },
      { returnDocument: 'after', projection: { outbox: 1, outboxSeq: 1 } },
    ) as Promise<OutboxDoc | null>;
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
      await this.ensureTopic(events[i - 1]);
      await this.broker.send(topic, run);
      this.metrics.outboxPublished.inc({ topic }, run.length);
    }
  }

  /** Create a topic made at runtime before its first publish (the producer does not create topics). */
  private async ensureTopic(event: PendingEvent): Promise<void> {
    if (!event.topicPartitions || this.ensuredTopics.has(event.topic)) return;
    await this.broker.admin.ensureTopics([
      { name: event.topic, partitions: event.topicPartitions, retentionMs: event.topicRetentionMs },
    ]);
    this.ensuredTopics.add(event.topic);
  }

  /**
   * Clear what was published and give the lease back. If events were recorded
   * after the claim (`outboxSeq` moved), remove exactly the published ones and
   * relay the document again for the rest.
   */
  protected async clear(model: Model<any>, published: OutboxDoc): Promise<void> {
    const done = await model.collection.updateOne(
      { _id: published._id, outboxSeq: published.outboxSeq },
      { $set: { outbox: [], outboxLeaseUntil: null }, $unset: { outboxPendingId: 1 } },
    );
    if (done.matchedCount === 1) return;
    await model.collection.updateOne(
      { _id: published._id },
      {
        $pull: { outbox: { id: { $in: published.outbox.map((e) => e.id) } } } as never,
        $set: { outboxLeaseUntil: null },
      },
    );
    this.hint(model.collection.name, String(published._id));
    this.again = true;
  }
}
