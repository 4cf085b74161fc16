import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server, BaseRpcContext } from '@nestjs/microservices';
import { ContractViolation, decodeEnvelope, DecodedEvent } from '@netdirect/contracts';
import { ClsService } from 'nestjs-cls';
import { isObservable, lastValueFrom } from 'rxjs';
import { ServiceConfig } from '../config/service-config';
import { isPermanent, retryDelayMs } from '../consumer/errors';
import { CAUSATION_ID, CORRELATION_ID } from '../logging/correlation';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { ConsumeControls, ConsumerHandle, IncomingMessage, MessageBroker } from './broker';
import { eventPattern } from './on-event.decorator';

/** The context a handler can ask for with `@Ctx()`: the raw message. */
export class KafkaEventContext extends BaseRpcContext<[IncomingMessage]> {
  getMessage(): IncomingMessage {
    return this.args[0];
  }
}

/** Where a message the consumer gives up on goes. */
export interface DeadLetterSink {
  deadLetter(
    message: IncomingMessage,
    failure: { group: string; kind: string; error: string; attempts: number },
  ): Promise<void>;
}

const HEARTBEAT_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A NestJS transport strategy that consumes the topics of this service's
 * `@OnEvent` handlers with the service's own group id (no suffix added).
 *
 * For each message, in partition order: decode and validate against the
 * contract (a violation is dead-lettered at once); run the handler inside a
 * CLS context carrying the correlation id; on a transient error retry with
 * backoff, heart-beating meanwhile; on a permanent error or when attempts run
 * out, dead-letter with the reason. Only then is the offset resolved, so the
 * partition always moves on and nothing is committed before its effect.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer?: ConsumerHandle;
  private readonly log = new Logger('KafkaEventTransport');

  constructor(
    private readonly deps: {
      broker: MessageBroker;
      config: ServiceConfig;
      cls: ClsService;
      metrics: RuntimeMetrics;
      sink: DeadLetterSink;
    },
  ) {
    super();
  }

  /** Topics this service's handlers need. */
  subscribedTopics(): string[] {
    const topics = new Set<string>();
    for (const handler of this.messageHandlers.values()) {
      const topic = (handler.extras as { topic?: string } | undefined)?.topic;
      if (topic) topics.add(topic);
    }
    return [...topics].sort();
  }

  async listen(callback: (...optionalParams: unknown[]) => void): Promise<void> {
    try {
      const topics = this.subscribedTopics();
      if (topics.length) {
        const { config, broker, metrics } = this.deps;
        this.consumer = await broker.consume({
          groupId: config.kafka.groupId,
          topics,
          fromBeginning: config.kafka.fromBeginning,
          partitionsConcurrency: config.kafka.partitionsConcurrency,
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

  /** Resolves once the consumer holds its partitions (immediately if it consumes nothing). */
  async joined(): Promise<void> {
    await this.consumer?.joined();
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  on(): void {
    // No transport events are exposed.
  }

  unwrap<T>(): T {
    return this.deps.broker as T;
  }

  /** Process one consumed message to the end: handled, ignored or dead-lettered. Throws only if even dead-lettering failed. */
  async process(message: IncomingMessage, controls: ConsumeControls): Promise<void> {
    const { config, metrics } = this.deps;
    const group = config.kafka.groupId;
    let decoded: DecodedEvent;
    try {
      decoded = decodeEnvelope(message.value, message.topic);
    } catch (e) {
      if (!(e instanceof ContractViolation)) throw e;
      await this.deadLetter(message, e.kind, e.message, 1);
      return;
    }
    const handler = this.handlerFor(decoded);
    if (!handler) {
      // Tolerant reader: other events on a subscribed topic are not ours to handle.
      metrics.consumed.inc({ group, topic: message.topic, outcome: 'ignored' });
      return;
    }
    const stopTimer = metrics.handlerDuration.startTimer({ group, type: decoded.envelope.type });
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.invoke(handler, decoded, message, controls);
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
   * Run the handler for a stored message once (dead-letter replay). Throws the
   * handler's error, or the contract violation, if it fails.
   */
  async dispatch(message: IncomingMessage): Promise<'handled' | 'ignored'> {
    const decoded = decodeEnvelope(message.value, message.topic);
    const handler = this.handlerFor(decoded);
    if (!handler) return 'ignored';
    await this.invoke(handler, decoded, message, { heartbeat: async () => undefined, isRunning: () => true });
    return 'handled';
  }

  private handlerFor(decoded: DecodedEvent): MessageHandler | null {
    return this.getHandlerByPattern(eventPattern(decoded.envelope.type, decoded.envelope.version));
  }

  private async invoke(
    handler: MessageHandler,
    decoded: DecodedEvent,
    message: IncomingMessage,
    controls: ConsumeControls,
  ): Promise<void> {
    // A long handler must not cost the group membership.
    const beat = setInterval(() => controls.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      await this.deps.cls.run(async () => {
        this.deps.cls.set(CORRELATION_ID, decoded.envelope.correlationId);
        this.deps.cls.set(CAUSATION_ID, decoded.envelope.id);
        const result = await handler(decoded, new KafkaEventContext([message]));
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
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
