import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ContractViolation } from '@netdirect/contracts';
import { Model } from 'mongoose';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { fromStoredMessage, toStoredMessage } from '../kafka/stored-message';
import { DeadLetterService, MessageDispatcher } from '../dead-letters/dead-letter.service';
import { IncomingMessage } from '../kafka/broker';
import { Deferral, MessageParking } from '../kafka/kafka-event.transport';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { DeferredEvent } from './deferred-event.schema';
import { deferDelayMs, dueBeforePattern, dueKey } from './due-key';
import { isDuplicateKeyError, isPermanent } from './errors';
import { PrerequisiteMissing } from './prerequisite-missing';

/** How long one replica owns a retry it took; if it dies, another takes the message after this. */
const RETRY_LEASE_MS = 60000;
/** Parked messages looked at per poll. */
const POLL_BATCH = 100;
/** The longest wait between two retries of one parked message. */
const MAX_RETRY_DELAY_MS = 60000;

type Parked = Pick<
  DeferredEvent,
  '_id' | 'group' | 'aggregateKey' | 'topic' | 'partition' | 'offset' | 'dueKey'
>;
type Leased = DeferredEvent & { dueKey: string };

/** What happened to one parked message in a poll. */
type RetryOutcome = { done: true } | { done: false; dueAt: number } | { skipped: true };

/**
 * Parks messages whose handler is waiting for a prerequisite
 * ({@link PrerequisiteMissing}) in the `deferred_events` collection, and
 * retries them in the background until they are handled or their time
 * (CONSUMER_DEFER_MAX_MINUTES) runs out; then they are dead-lettered with
 * kind `prerequisite-timeout` and the handler's last reason.
 *
 * Safe with any number of replicas: a replica takes a retry by moving the
 * message's due key past a lease with a compare-and-set on `_id` and the key
 * it read, so only one wins; if it dies, the message is due again when the
 * lease ends. A poll reads the due keys of the parked messages from their
 * unique index and only the due documents (see `due-key.ts`).
 *
 * Order: one replica retries the due messages of one aggregate in their
 * original partition order, and when one is still waiting the later ones wait
 * with it. Not guaranteed: order across replicas polling at the same moment,
 * and order relative to messages of the same aggregate that were not deferred
 * (those are handled as they arrive; that is the point of not blocking).
 */
@Injectable()
export class DeferredEvents implements MessageParking, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeferredEvents.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private pass?: Promise<void>;
  private dispatcher?: MessageDispatcher;

  constructor(
    @InjectModel(DeferredEvent.name) private readonly model: Model<DeferredEvent>,
    private readonly deadLetters: DeadLetterService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: RuntimeMetrics,
  ) {}

  /** Set once the consumer transport exists (it is created after the application); retries run through it. */
  attachDispatcher(dispatcher: MessageDispatcher): void {
    this.dispatcher = dispatcher;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass;
  }

  /** Park a message; parking the same event again (a redelivery) keeps the first parking and its deadline. */
  async park(message: IncomingMessage, deferral: Deferral): Promise<void> {
    const now = Date.now();
    const id = `${deferral.group}|${deferral.eventId}`;
    const dueAt = now + deferDelayMs(1, this.config.consumer.deferRetryBaseMs, MAX_RETRY_DELAY_MS);
    try {
      await this.model.collection.insertOne({
        _id: id as never,
        ...toStoredMessage(deferral.group, message),
        eventId: deferral.eventId,
        aggregateKey: deferral.aggregateKey,
        reason: deferral.reason.slice(0, 4000),
        parkedAt: new Date(now),
        deadline: new Date(now + this.config.consumer.deferMaxMs),
        attempts: 0,
        dueKey: dueKey(dueAt, id),
      });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  /** Retry every parked message that is due now (the loop calls this; tests may too). */
  async retryDue(): Promise<void> {
    const now = Date.now();
    const due = (await this.model.collection
      .find(
        { dueKey: { $regex: dueBeforePattern(now + 1) } },
        { projection: { _id: 1, group: 1, aggregateKey: 1, topic: 1, partition: 1, offset: 1, dueKey: 1 }, limit: POLL_BATCH },
      )
      .toArray()) as unknown as Parked[];
    const group = this.config.kafka.groupId;
    const byAggregate = new Map<string, Parked[]>();
    for (const doc of due) {
      if (doc.group !== group) continue;
      const k = `${doc.topic}|${doc.aggregateKey}`;
      byAggregate.set(k, [...(byAggregate.get(k) ?? []), doc]);
    }
    for (const docs of byAggregate.values()) {
      docs.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
      let waitingUntil: number | undefined;
      for (const doc of docs) {
        if (!this.running) return;
        if (waitingUntil !== undefined) {
          // An earlier message of this aggregate is still waiting: this one waits with it.
          await this.model.collection.updateOne(
            { _id: doc._id as never, dueKey: doc.dueKey },
            { $set: { dueKey: dueKey(waitingUntil, doc._id) } },
          );
          continue;
        }
        const outcome = await this.retry(doc).catch((e) => {
          this.logger.warn(`retry of parked ${doc._id} failed, will try again: ${(e as Error).message}`);
          return { skipped: true } as const;
        });
        if ('done' in outcome && !outcome.done) waitingUntil = outcome.dueAt;
      }
    }
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.pass = this.retryDue()
        .catch((e) => this.logger.warn(`deferred-event poll failed: ${(e as Error).message}`))
        .finally(() => {
          this.pass = undefined;
          this.schedule();
        });
    }, this.config.consumer.deferPollMs);
    this.timer.unref();
  }

  private async retry(doc: Parked): Promise<RetryOutcome> {
    const dispatcher = this.dispatcher;
    if (!dispatcher) return { skipped: true };
    const leasedKey = dueKey(Date.now() + RETRY_LEASE_MS, doc._id);
    const leased = (await this.model.collection.findOneAndUpdate(
      { _id: doc._id as never, dueKey: doc.dueKey },
      { $set: { dueKey: leasedKey }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    )) as unknown as Leased | null;
    if (!leased) return { skipped: true }; // another replica took it
    const message = fromStoredMessage(leased, leased.parkedAt);
    const outcome = { group: leased.group, topic: leased.topic };
    try {
      await dispatcher.dispatch(message);
      await this.finish(leased);
      this.metrics.consumed.inc({ ...outcome, outcome: 'handled' });
      return { done: true };
    } catch (e) {
      const reason = (e as Error)?.message ?? String(e);
      const missing = e instanceof PrerequisiteMissing;
      const fail = async (kind: string, error: string) => {
        this.logger.error(`dead-lettering parked ${leased._id} (${kind}): ${error}`);
        await this.deadLetters.deadLetter(message, { group: leased.group, kind, error, attempts: leased.attempts });
        this.metrics.consumed.inc({ ...outcome, outcome: 'dead_lettered' });
        this.metrics.deadLetters.inc({ topic: leased.topic, kind });
        await this.finish(leased);
        return { done: true } as const;
      };
      if (e instanceof ContractViolation) return fail(e.kind, reason);
      if (!missing && isPermanent(e)) return fail('rejected', reason);
      const now = Date.now();
      if (now >= leased.deadline.getTime()) {
        const waited = Math.round((now - leased.parkedAt.getTime()) / 1000);
        return fail(
          missing ? 'prerequisite-timeout' : 'retries-exhausted',
          `${reason} (still failing after ${leased.attempts} retries over ${waited} s)`,
        );
      }
      const dueAt = Math.min(
        leased.deadline.getTime(),
        now + deferDelayMs(leased.attempts + 1, this.config.consumer.deferRetryBaseMs, MAX_RETRY_DELAY_MS),
      );
      await this.model.collection.updateOne(
        { _id: leased._id as never, dueKey: leased.dueKey },
        { $set: { dueKey: dueKey(dueAt, leased._id), reason: reason.slice(0, 4000) } },
      );
      return { done: false, dueAt };
    }
  }

  /** Remove a parked message this replica still holds (if its lease ran out, the new holder decides). */
  private async finish(leased: Leased): Promise<void> {
    await this.model.collection.deleteOne({ _id: leased._id as never, dueKey: leased.dueKey });
  }
}
