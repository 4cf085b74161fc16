import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server, BaseRpcContext } from '@nestjs/microservices';
import {
  checkEventTopic,
  ContractViolation,
  DecodedEvent,
  decodePayload,
  EventEnvelope,
  EventHeaders,
  EventRegistry,
  parseEnvelope,
} from '@netdirect/contracts';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { isObservable, lastValueFrom } from 'rxjs';
import { ServiceConfig } from '../config/service-config';
import { isPermanent, retryDelayMs } from '../consumer/errors';
import { PrerequisiteMissing, prerequisiteMissing } from '../consumer/prerequisite-missing';
import { CAUSATION_ID, CORRELATION_ID } from '../logging/correlation';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { BroadcastSubscription } from './broadcast-subscription';
import { ConsumeControls, ConsumerHandle, IncomingMessage, MessageBroker } from './broker';
import { eventPattern, OnEventExtras } from './on-event.decorator';

/** The context a handler can ask for with `@Ctx()`: the raw message. */
export class KafkaEventContext extends BaseRpcContext<[IncomingMessage]> {
  getMessage(): IncomingMessage {
    return this.args[0];
  }
}

/** A message whose handler is waiting for a prerequisite, to be parked and retried later. */
export interface Deferral {
  group: string;
  /** Envelope id: with the group, it identifies the parked message. */
  eventId: string;
  /** The aggregate id (envelope key): parked messages of one aggregate are retried in order. */
  aggregateKey: string;
  reason: string;
}

/** Where a message the consumer gives up on goes. */
export interface DeadLetterSink {
  deadLetter(
    message: IncomingMessage,
    failure: { group: string; kind: string; error: string; attempts: number },
  ): Promise<void>;
}

/** Where a message the consumer cannot finish yet goes (see {@link PrerequisiteMissing}). */
export interface MessageParking {
  /** Park a message durably for a later retry; resolves once it is stored. */
  park(message: IncomingMessage, deferral: Deferral): Promise<void>;
}

/** What the consumer does with one message, decided before any handler runs. */
type Route =
  | { to: 'ignore' }
  | { to: 'dead-letter'; violation: ContractViolation }
  | { to: 'handler'; handler: MessageHandler; decoded: DecodedEvent };

const VERSION_HEADER = /^[1-9][0-9]{0,8}$/;

const HEARTBEAT_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A NestJS transport strategy that consumes the topics of this service's
 * `@OnEvent` handlers with the service's own group id (no suffix added).
 *
 * For each message, in partition order:
 *
 * 1. Route it by its `event-type` and `event-version` headers (by the
 *    envelope's type and version when the headers are missing). No handler for
 *    that type and version, the registry's or a newer producer's: counted
 *    `ignored`, never dead-lettered, not even parsed.
 * 2. Parse the envelope and validate the fields the handler reads. Malformed
 *    JSON, an invalid envelope, an event on the wrong topic or a read field
 *    that breaks its contract: dead-lettered at once. Unknown fields and bad
 *    values in unread fields pass.
 * 3. Run the handler inside a CLS context carrying the correlation id. On a
 *    transient error retry with backoff, heart-beating meanwhile; on a
 *    permanent error or when attempts run out, dead-letter with the reason; on
 *    a {@link PrerequisiteMissing}, park the message for a later retry.
 *
 * Only then is the offset resolved, so the partition always moves on and
 * nothing is committed before its effect (or its parking) is durable.
 *
 * Broadcast handlers (`@OnEvent(X, { broadcast: true })`) run in every
 * replica: a second consumer, group `<KAFKA_GROUP_ID>.<instance id>`, starts
 * at the end of its topics before the group consumer, and tells
 * {@link BroadcastSubscription} once it is in place. Its messages are routed
 * the same way, but a failure is retried and then logged and skipped, never
 * dead-lettered or parked: what such a handler keeps is rebuilt from the
 * database at the next start, and its offsets matter to no one.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer?: ConsumerHandle;
  private broadcastConsumer?: ConsumerHandle;
  /** This instance's broadcast group: unique, so every replica gets every message. */
  readonly broadcastGroupId: string;
  private readonly log = new Logger('KafkaEventTransport');

  constructor(
    private readonly deps: {
      broker: MessageBroker;
      config: ServiceConfig;
      cls: ClsService;
      metrics: RuntimeMetrics;
      sink: DeadLetterSink;
      parking: MessageParking;
      broadcast?: BroadcastSubscription;
    },
  ) {
    super();
    this.broadcastGroupId = `${deps.config.kafka.groupId}.${randomUUID()}`;
  }

  /** Topics this service's group handlers need (`broadcast`: those of its broadcast handlers). */
  subscribedTopics(options: { broadcast?: boolean } = {}): string[] {
    const topics = new Set<string>();
    for (const handler of this.messageHandlers.values()) {
      const extras = handler.extras as OnEventExtras | undefined;
      if (extras?.topic && Boolean(extras.broadcast) === Boolean(options.broadcast)) topics.add(extras.topic);
    }
    return [...topics].sort();
  }

  async listen(callback: (...optionalParams: unknown[]) => void): Promise<void> {
    try {
      await this.listenBroadcast();
      const topics = this.subscribedTopics();
      if (topics.length) {
        const { config, broker, metrics } = this.deps;
        this.consumer = await broker.consume({
          groupId: config.kafka.groupId,
          topics,
          fromBeginning: config.kafka.fromBeginning,
          partitionsConcurrency: config.kafka.partitionsConcurrency,
          sessionTimeoutMs: config.kafka.sessionTimeoutMs,
          heartbeatIntervalMs: config.kafka.heartbeatIntervalMs,
          lagIntervalMs: config.consumer.lagIntervalMs,
          onMessage: (m, c) => this.process(m, c),
          onLag: (topic, partition, lag) =>
            metrics.consumerLag.set(
              { group: config.kafka.groupId, topic, partition: String(partition) },
              lag,
            ),
        });
        this.log.log(`consuming ${topics.join(', ')} as group ${config.kafka.groupId}`);
      }
      callback();
    } catch (e) {
      callback(e);
    }
  }

  /** Start the broadcast consumer, if any handler is a broadcast one, and tell {@link BroadcastSubscription}. */
  private async listenBroadcast(): Promise<void> {
    const topics = this.subscribedTopics({ broadcast: true });
    try {
      if (topics.length) {
        const { config, broker } = this.deps;
        this.broadcastConsumer = await broker.consume({
          groupId: this.broadcastGroupId,
          topics,
          fromBeginning: false,
          startAtEnd: true,
          deleteGroupOnStop: true,
          partitionsConcurrency: config.kafka.partitionsConcurrency,
          sessionTimeoutMs: config.kafka.sessionTimeoutMs,
          heartbeatIntervalMs: config.kafka.heartbeatIntervalMs,
          onMessage: (m, c) => this.processBroadcast(m, c),
        });
        this.log.log(`broadcast: consuming ${topics.join(', ')} as group ${this.broadcastGroupId}`);
      }
      this.deps.broadcast?.markStarted();
    } catch (e) {
      this.deps.broadcast?.markFailed(e as Error);
      throw e;
    }
  }

  /** Resolves once the consumers hold their partitions (immediately if they consume nothing). */
  async joined(): Promise<void> {
    await Promise.all([this.consumer?.joined(), this.broadcastConsumer?.joined()]);
  }

  async close(): Promise<void> {
    const consumers = [this.consumer, this.broadcastConsumer];
    this.consumer = undefined;
    this.broadcastConsumer = undefined;
    await Promise.all(consumers.map((c) => c?.stop()));
  }

  /**
   * One message for the broadcast handlers: handled, ignored, or (after the
   * retries) logged and skipped. Never throws, never dead-letters or parks.
   */
  async processBroadcast(message: IncomingMessage, controls: ConsumeControls): Promise<void> {
    const { config, metrics } = this.deps;
    const group = this.broadcastGroupId;
    const count = (outcome: string) => metrics.consumed.inc({ group: config.kafka.groupId + '.broadcast', topic: message.topic, outcome });
    const route = this.route(message, { broadcast: true });
    if (route.to === 'ignore') return count('ignored');
    if (route.to === 'dead-letter') {
      this.log.warn(`broadcast ${group}: skipping ${message.topic}[${message.partition}]@${message.offset}: ${route.violation.message}`);
      return count('skipped');
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.invoke(route.handler, route.decoded, message, controls);
        if (prerequisiteMissing(result)) throw new Error(prerequisiteMissing(result)!.message);
        return count('handled');
      } catch (e) {
        const reason = (e as Error)?.message ?? String(e);
        if (isPermanent(e) || attempt >= config.consumer.maxAttempts || !controls.isRunning()) {
          this.log.error(`broadcast ${group}: ${route.decoded.envelope.type} ${route.decoded.envelope.id} skipped after ${attempt} attempt(s): ${reason}`);
          return count('skipped');
        }
        count('retried');
        await this.backoff(retryDelayMs(attempt, config.consumer.retryBaseMs), controls);
      }
    }
  }

  on(): void {
    // No transport events are exposed.
  }

  unwrap<T>(): T {
    return this.deps.broker as T;
  }

  /** Process one consumed message to the end: handled, ignored, deferred or dead-lettered. Throws only if even dead-lettering failed. */
  async process(message: IncomingMessage, controls: ConsumeControls): Promise<void> {
    const { config, metrics } = this.deps;
    const group = config.kafka.groupId;
    const route = this.route(message);
    if (route.to === 'ignore') {
      // Tolerant reader: other events on a subscribed topic are not ours to handle.
      metrics.consumed.inc({ group, topic: message.topic, outcome: 'ignored' });
      return;
    }
    if (route.to === 'dead-letter') {
      await this.deadLetter(message, route.violation.kind, route.violation.message, 1);
      return;
    }
    const { handler, decoded } = route;
    const stopTimer = metrics.handlerDuration.startTimer({ group, type: decoded.envelope.type });
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const missing = await this.invoke(handler, decoded, message, controls).then(prerequisiteMissing, (e) => {
            if (e instanceof PrerequisiteMissing) return e;
            throw e;
          });
          if (missing) {
            await this.defer(message, decoded.envelope, missing);
            return;
          }
          metrics.consumed.inc({ group, topic: message.topic, outcome: 'handled' });
          return;
        } catch (e) {
          const reason = (e as Error)?.message ?? String(e);
          if (isPermanent(e)) {
            await this.deadLetter(message, 'rejected', reason, attempt);
            return;
          }
          if (attempt >= config.consumer.maxAttempts) {
            await this.deadLetter(message, 'retries-exhausted', reason, attempt);
            return;
          }
          metrics.consumed.inc({ group, topic: message.topic, outcome: 'retried' });
          this.log.warn(
            `${decoded.envelope.type} ${decoded.envelope.id} failed (attempt ${attempt}), retrying: ${reason}`,
          );
          await this.backoff(retryDelayMs(attempt, config.consumer.retryBaseMs), controls);
          if (!controls.isRunning()) throw e; // shutting down: leave it uncommitted for the next owner
        }
      }
    } finally {
      stopTimer();
    }
  }

  /**
   * Run the handler for a stored message once (dead-letter replay, a parked
   * message's retry). Throws the contract violation, the handler's error, or
   * the {@link PrerequisiteMissing} it threw or returned.
   */
  async dispatch(message: IncomingMessage): Promise<'handled' | 'ignored'> {
    const route = this.route(message);
    if (route.to === 'ignore') return 'ignored';
    if (route.to === 'dead-letter') throw route.violation;
    const result = await this.invoke(route.handler, route.decoded, message, {
      heartbeat: async () => undefined,
      isRunning: () => true,
    });
    const missing = prerequisiteMissing(result);
    if (missing) throw missing;
    return 'handled';
  }

  /**
   * Decide what to do with a message. The headers route it, so an event type
   * this service does not handle is never parsed; the envelope must agree with
   * them, and only the handler's fields are validated.
   */
  private route(message: IncomingMessage, options: { broadcast?: boolean } = {}): Route {
    const headerType = message.headers[EventHeaders.type];
    const headerVersion = message.headers[EventHeaders.version];
    const routedByHeaders = Boolean(headerType) && VERSION_HEADER.test(headerVersion ?? '');
    let handler = routedByHeaders ? this.handlerFor(headerType, Number(headerVersion), options) : null;
    if (routedByHeaders && !handler) return { to: 'ignore' };
    let envelope: EventEnvelope<object>;
    try {
      envelope = parseEnvelope(message.value);
      if (!routedByHeaders) {
        handler = this.handlerFor(envelope.type, envelope.version, options);
        if (!handler) return { to: 'ignore' };
      } else if (envelope.type !== headerType || envelope.version !== Number(headerVersion)) {
        throw new ContractViolation(
          'invalid-envelope',
          `headers say ${headerType} v${headerVersion} but the envelope is ${envelope.type} v${envelope.version}`,
        );
      }
      const descriptor = EventRegistry.find(envelope.type, envelope.version);
      if (!descriptor) throw new ContractViolation('unknown-type', `unknown event ${envelope.type} v${envelope.version}`);
      checkEventTopic(descriptor, message.topic);
      const reads = (handler!.extras as OnEventExtras | undefined)?.reads;
      const payload = decodePayload(descriptor, envelope.data, { reads });
      return { to: 'handler', handler: handler!, decoded: { envelope, descriptor, payload } };
    } catch (e) {
      if (e instanceof ContractViolation) return { to: 'dead-letter', violation: e };
      throw e;
    }
  }

  private handlerFor(type: string, version: number, options: { broadcast?: boolean } = {}): MessageHandler | null {
    return this.getHandlerByPattern(eventPattern(type, version, options));
  }

  private async invoke(
    handler: MessageHandler,
    decoded: DecodedEvent,
    message: IncomingMessage,
    controls: ConsumeControls,
  ): Promise<unknown> {
    // A long handler must not cost the group membership.
    const beat = setInterval(() => controls.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      return await this.deps.cls.run(async () => {
        this.deps.cls.set(CORRELATION_ID, decoded.envelope.correlationId);
        this.deps.cls.set(CAUSATION_ID, decoded.envelope.id);
        const result = await handler(decoded, new KafkaEventContext([message]));
        return isObservable(result) ? await lastValueFrom(result, { defaultValue: undefined }) : result;
      });
    } finally {
      clearInterval(beat);
    }
  }

  private async backoff(ms: number, controls: ConsumeControls): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && controls.isRunning()) {
      await sleep(Math.min(HEARTBEAT_MS, until - Date.now()));
      await controls.heartbeat().catch(() => undefined);
    }
  }

  private async defer(message: IncomingMessage, envelope: EventEnvelope<object>, missing: PrerequisiteMissing) {
    const { parking, metrics, config } = this.deps;
    const group = config.kafka.groupId;
    await parking.park(message, { group, eventId: envelope.id, aggregateKey: envelope.key, reason: missing.message });
    this.log.log(`${envelope.type} ${envelope.id} deferred: ${missing.message}`);
    metrics.consumed.inc({ group, topic: message.topic, outcome: 'deferred' });
  }

  private async deadLetter(
    message: IncomingMessage,
    kind: string,
    error: string,
    attempts: number,
  ): Promise<void> {
    const group = this.deps.config.kafka.groupId;
    this.log.error(
      `dead-lettering ${message.topic}[${message.partition}]@${message.offset} (${kind}): ${error}`,
    );
    await this.deps.sink.deadLetter(message, { group, kind, error, attempts });
    this.deps.metrics.consumed.inc({ group, topic: message.topic, outcome: 'dead_lettered' });
    this.deps.metrics.deadLetters.inc({ topic: message.topic, kind });
  }
}
