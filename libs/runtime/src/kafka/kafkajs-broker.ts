import { Admin, Consumer, IHeaders, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import {
  BrokerAdmin,
  ConsumerHandle,
  ConsumerOptions,
  IncomingMessage,
  MessageBroker,
  OutgoingMessage,
} from './broker';

const levelName: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    out[k] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * kafkajs behind the runtime's {@link MessageBroker} interface: an idempotent
 * producer with acks=all, consumers that resolve offsets only after the
 * handler's effect is durable, and kafkajs logs routed into pino.
 */
export class KafkajsBroker implements MessageBroker {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly adminClient: Admin;
  private readonly consumers = new Set<Consumer>();
  readonly admin: BrokerAdmin;

  constructor(private readonly options: { clientId: string; brokers: string[]; logger: Logger }) {
    const logger = options.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...extra } = log;
          logger[levelName[level] ?? 'info'](extra, message);
        },
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // murmur2 on the key, as the Java client: one aggregate's events keep one partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    // The health check's own admin client: no retries, so a dead broker is reported quickly.
    this.adminClient = new Kafka({
      clientId: `${options.clientId}-health`,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1500,
      requestTimeout: 2500,
      retry: { retries: 0 },
    }).admin();
    this.admin = {
      ping: async (timeoutMs) => {
        const run = async () => {
          await this.adminClient.connect();
          const cluster = await this.adminClient.describeCluster();
          if (cluster.brokers.length === 0) throw new Error('cluster has no brokers');
          return { brokers: cluster.brokers.length };
        };
        try {
          return await withTimeout(run(), timeoutMs, 'Kafka metadata request');
        } catch (e) {
          await this.adminClient.disconnect().catch(() => undefined);
          throw e;
        }
      },
      ensureTopics: async (topics) => {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          const existing = new Set(await admin.listTopics());
          const missing = topics.filter((t) => !existing.has(t.name));
          if (missing.length) {
            // Resolves false (no error) for a topic another process created in the meantime.
            await admin.createTopics({
              waitForLeaders: true,
              topics: missing.map((t) => ({
                topic: t.name,
                numPartitions: t.partitions,
                ...(t.retentionMs ? { configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] } : {}),
              })),
            });
          }
          // A topic another process has just created may not have a leader yet; a consumer
          // subscribing before it has would fail with "does not host this topic-partition".
          await waitForTopicLeaders(admin, topics.map((t) => t.name));
        } finally {
          await admin.disconnect();
        }
      },
    };
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch(() => undefined)));
    await this.producer.disconnect();
    await this.adminClient.disconnect().catch(() => undefined);
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  async consume(options: ConsumerOptions): Promise<ConsumerHandle> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      // Backoff and dead-lettering are the runtime's job; kafkajs only restarts a crashed consumer.
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    this.consumers.add(consumer);
    let markJoined: () => void = () => undefined;
    const joined = new Promise<void>((resolve) => (markJoined = resolve));
    let assignment: Record<string, number[]> = {};
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      assignment = event.payload.memberAssignment;
      markJoined();
    });
    await this.whenTopicsReady(options.topics);
    if (options.startAtEnd) await this.commitEndOffsets(options.groupId, options.topics);
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning });
    let running = true;
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      autoCommitThreshold: 50,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConcurrency,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        isRunning,
        isStale,
      }) => {
        for (const m of batch.messages) {
          if (!running || !isRunning() || isStale()) break;
          const message: IncomingMessage = {
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ? m.key.toString('utf8') : null,
            value: m.value,
            headers: decodeHeaders(m.headers),
            timestamp: m.timestamp,
          };
          await options.onMessage(message, { heartbeat, isRunning: () => running && isRunning() });
          // Only now is the effect durable: the offset may be committed.
          resolveOffset(m.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
        if (options.onLag) {
          const high = BigInt(batch.highWatermark);
          const last = batch.messages.length ? BigInt(batch.lastOffset()) + 1n : high;
          options.onLag(batch.topic, batch.partition, Number(high > last ? high - last : 0n));
        }
      },
    });
    const lagTimer =
      options.onLag && options.lagIntervalMs ? this.lagTimer(options, () => assignment, options.lagIntervalMs) : undefined;
    return {
      joined: () => joined,
      stop: async () => {
        running = false;
        await lagTimer?.stop();
        // disconnect() waits for the batch in flight and commits resolved offsets.
        await consumer.disconnect();
        this.consumers.delete(consumer);
        if (options.deleteGroupOnStop) await this.deleteGroup(options.groupId);
      },
    };
  }

  /** Subscribing to a topic whose leader is not elected yet fails; wait for it (a missing topic fails after 15 s). */
  private async whenTopicsReady(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await waitForTopicLeaders(admin, topics);
    } finally {
      await admin.disconnect();
    }
  }

  /** Set a group's committed offsets to the current end of each partition of `topics`. */
  private async commitEndOffsets(groupId: string, topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: ends.map((o) => ({ partition: o.partition, offset: o.high })) });
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async deleteGroup(groupId: string): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    } catch (e) {
      // Harmless: the broker drops an empty group's offsets after offsets.retention.minutes anyway.
      this.options.logger.warn({ err: e, groupId }, 'could not delete a per-instance consumer group');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * Measure the lag of this member's partitions every `intervalMs`: the high
   * watermark minus the group's committed offset, both asked from the broker.
   * A partition the group has committed nothing on is skipped (its position is
   * not known yet). Failures are logged and the next tick tries again.
   */
  private lagTimer(
    options: ConsumerOptions,
    assigned: () => Record<string, number[]>,
    intervalMs: number,
  ): { stop(): Promise<void> } {
    const admin = this.kafka.admin();
    let connected: Promise<void> | undefined;
    let tick: Promise<void> | undefined;
    const measure = async () => {
      const topics = Object.entries(assigned()).filter(([, partitions]) => partitions.length);
      if (!topics.length) return;
      connected ??= admin.connect();
      await connected;
      const committed = await admin.fetchOffsets({ groupId: options.groupId, topics: topics.map(([t]) => t) });
      for (const [topic, partitions] of topics) {
        const high = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));
        const offsets = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const partition of partitions) {
          const at = offsets.find((o) => o.partition === partition)?.offset;
          const end = high.get(partition);
          if (at === undefined || BigInt(at) < 0n || end === undefined) continue;
          options.onLag!(topic, partition, Number(end > BigInt(at) ? end - BigInt(at) : 0n));
        }
      }
    };
    const timer = setInterval(() => {
      if (tick) return;
      tick = measure()
        .catch((e) => this.options.logger.warn({ err: e }, 'consumer lag measurement failed'))
        .finally(() => (tick = undefined));
    }, intervalMs);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await tick;
        if (connected) await admin.disconnect().catch(() => undefined);
      },
    };
  }
}

/**
 * Wait until every partition of the topics has a leader. `createTopics` answers at once
 * for a topic another process has just created, before its leader is elected; a consumer
 * subscribing then fails with "This server does not host this topic-partition".
 */
export async function waitForTopicLeaders(admin: Admin, names: string[], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    let waitingFor: string;
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      const leaderless = topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
      if (leaderless.length === 0) return;
      waitingFor = `no leader for ${leaderless.map((t) => t.name).join(', ')}`;
    } catch (e) {
      waitingFor = (e as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`topics not ready after ${timeoutMs} ms: ${waitingFor}`);
    await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 1000)));
  }
}
