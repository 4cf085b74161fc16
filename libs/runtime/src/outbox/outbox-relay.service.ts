import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, headersFor } from '@netdirect/contracts';
import { Model } from 'mongoose';
import { MESSAGE_BROKER, MessageBroker, OutgoingMessage } from '../kafka/broker';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { OutboxFields, outboxSignals, PendingEvent } from './outbox.schema';

type OutboxDoc = OutboxFields & { _id: unknown };

const BATCH_DOCS = 100;

/**
 * Publishes the events aggregates keep in their documents, then clears them.
 *
 * At least once: events are published before they are cleared, so a crash in
 * between publishes them again and consumers (idempotent by event id) ignore
 * the duplicate. A document is leased while one relay works on it so that
 * replicas do not publish the same aggregate concurrently, which also keeps one
 * aggregate's events in order. Clearing is a compare-and-set on `outboxSeq`:
 * events recorded meanwhile are never cleared unpublished.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models = new Set<Model<any>>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private pass?: Promise<void>;
  private again = false;
  private readonly wake = () => this.trigger();

  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: RuntimeMetrics,
  ) {
    metrics.outboxBacklog.setCollector(async () => {
      const out: { collection: string; count: number }[] = [];
      for (const model of this.models) {
        out.push({ collection: model.collection.name, count: await model.countDocuments({ outboxPending: true }) });
      }
      return out;
    });
  }

  /** Relay the outbox of this model's documents (an aggregate using {@link outboxPlugin}). */
  watch(model: Model<any>): void {
    this.models.add(model);
    if (this.running) this.trigger();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    outboxSignals.on('recorded', this.wake);
    this.timer = setInterval(() => this.trigger(), this.config.outbox.pollMs);
    this.trigger();
  }

  /** Stop polling and publish what is pending (the last step before the database closes). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    outboxSignals.off('recorded', this.wake);
    clearInterval(this.timer);
    await this.pass;
    await this.runPass().catch((e) => this.logger.error(`final outbox flush failed: ${(e as Error).message}`));
  }

  /** Publish everything pending now; resolves when the outbox was empty at some point during the call. */
  async flush(): Promise<void> {
    await this.pass;
    await this.runPass();
  }

  private trigger(): void {
    if (!this.running) return;
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

  private async runPass(): Promise<void> {
    for (const model of this.models) {
      for (let i = 0; i < BATCH_DOCS; i++) {
        const doc = await this.claim(model);
        if (!doc) break;
        await this.relayDocument(model, doc);
      }
    }
  }

  private async claim(model: Model<any>): Promise<OutboxDoc | null> {
    const now = new Date();
    return model
      .findOneAndUpdate(
        { outboxPending: true, $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lt: now } }] },
        { $set: { outboxLeaseUntil: new Date(now.getTime() + this.config.outbox.leaseMs) } },
        // No projection: FerretDB v1 does not support one on findAndModify.
        { new: true },
      )
      .lean<OutboxDoc>()
      .exec();
  }

  private async relayDocument(model: Model<any>, doc: OutboxDoc): Promise<void> {
    try {
      await this.publish(doc.outbox);
    } catch (e) {
      // Leave the events in place and release the lease; the next pass retries.
      await model.updateOne({ _id: doc._id }, { $set: { outboxLeaseUntil: null } }).exec();
      throw e;
    }
    await this.clear(model, doc);
  }

  /** Publish in recorded order, one send per run of consecutive events on the same topic. */
  protected async publish(events: PendingEvent[]): Promise<void> {
    let i = 0;
    while (i < events.length) {
      const topic = events[i].topic;
      const run: OutgoingMessage[] = [];
      while (i < events.length && events[i].topic === topic) {
        const e = events[i];
        run.push({ key: e.key, value: e.value, headers: headersFor(JSON.parse(e.value) as EventEnvelope<object>) });
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
      const res = await model
        .updateOne(
          { _id: current._id, outboxSeq: current.outboxSeq },
          { $set: { outbox: remaining, outboxPending: remaining.length > 0, outboxLeaseUntil: null } },
        )
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
