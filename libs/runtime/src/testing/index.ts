/**
 * Helpers for end-to-end tests that boot a real service against the real
 * Kafka and MongoDB-wire database started by `npm test`.
 */
import { randomUUID } from 'node:crypto';
import { Admin, Consumer, IHeaders, Kafka, logLevel, Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { createEnvelope, EventRegistry, headersFor } from '@netdirect/contracts';
import { signToken } from '../auth/token';
import { Role } from '../auth/roles';
import { startServiceApp, ServiceApp } from '../bootstrap';
import { waitForTopicLeaders } from '../kafka/kafkajs-broker';

export const TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
export const TEST_MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

export function uniqueId(prefix = 't'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** The last service boot started in this process; the next waits for it (see startTestService). */
let bootQueue: Promise<void> = Promise.resolve();

export interface TestService extends ServiceApp {
  token(role: Role | Role[], subject?: string): string;
  close(): Promise<void>;
}

/**
 * Boot a service's AppModule on a free port with its own database and its own
 * consumer group (starting at the end of each topic), and wait until its
 * consumer holds its partitions.
 */
export async function startTestService(
  appModule: unknown,
  env: Record<string, string> = {},
): Promise<TestService> {
  const id = uniqueId();
  const overrides: Record<string, string> = {
    NODE_ENV: 'test',
    // Client errors are logged at warn; tests provoke hundreds of them on purpose.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    KAFKA_BROKERS: TEST_KAFKA_BROKERS,
    MONGO_URL: TEST_MONGO_URL,
    MONGO_DB: `test_${id}`,
    KAFKA_GROUP_ID: `test-${id}`,
    KAFKA_CLIENT_ID: `test-${id}`,
    KAFKA_FROM_BEGINNING: 'false',
    CONSUMER_RETRY_BASE_MS: '50',
    OUTBOX_POLL_MS: '100',
    ...env,
  };
  // A service reads its settings from process.env while Nest builds it, after
  // awaits: two starts in one process (Promise.all) would read each other's
  // database and consumer group. Each start waits for the one before it to
  // have read its settings and put process.env back.
  const previous = bootQueue;
  let booted!: () => void;
  bootQueue = new Promise<void>((resolve) => (booted = resolve));
  await previous;
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(overrides)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  let started: ServiceApp;
  try {
    started = await startServiceApp(appModule, { port: 0 });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    booted();
  }
  await started.transport.joined();
  return {
    ...started,
    token: (role, subject = `${Array.isArray(role) ? role[0] : role}-${id}`) =>
      signToken(started.config.auth, role, subject),
    close: async () => {
      await started.app.close();
      const client = await MongoClient.connect(started.config.mongo.url);
      await client
        .db(started.config.mongo.dbName)
        .dropDatabase()
        .catch(() => undefined);
      await client.close();
    },
  };
}

/** Poll until `check` returns a truthy value, or fail naming what was awaited. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 15000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as T;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`,
  );
}

export interface CapturedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * One event as its producer would put it on Kafka, for {@link KafkaTestClient.produce}:
 * an envelope with fresh ids, produced by the topic's owner, keyed by the topic's key
 * field, with the routing headers. Validates `data` as a producer does.
 */
export function eventMessage<T extends object>(
  cls: new () => T,
  data: T,
  options: { id?: string; occurredAt?: Date } = {},
): { key: string; value: string; headers: Record<string, string> } {
  const { envelope } = createEnvelope(cls, data, {
    producer: EventRegistry.forClass(cls).topic.owner,
    correlationId: uniqueId('corr-'),
    causationId: uniqueId('cause-'),
    ...options,
  });
  return { key: envelope.key, value: JSON.stringify(envelope), headers: headersFor(envelope) };
}

/** A raw Kafka client for tests: produce arbitrary bytes, and capture what lands on topics. */
export class KafkaTestClient {
  private readonly kafka = new Kafka({
    clientId: uniqueId('test-client-'),
    brokers: TEST_KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];
  private admin?: Admin;

  async produce(
    topic: string,
    messages: { key?: string; value: string | Buffer | null; headers?: IHeaders }[],
  ): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({ topic, acks: -1, messages });
  }

  private async adminClient(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  async createTopic(topic: string, partitions = 1): Promise<void> {
    const admin = await this.adminClient();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    // Another test file may have created it a moment ago, before its leader was elected.
    await waitForTopicLeaders(admin, [topic]);
  }

  /** Start capturing new messages on the topics; resolves once the capture consumer has joined. */
  async capture(topics: string[]): Promise<CapturedMessage[]> {
    const captured: CapturedMessage[] = [];
    const consumer = this.kafka.consumer({ groupId: uniqueId('test-capture-') });
    this.consumers.push(consumer);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await waitForTopicLeaders(await this.adminClient(), topics);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {}))
          if (v !== undefined) headers[k] = String(v);
        captured.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        });
      },
    });
    await joined;
    return captured;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect()));
    await this.producer?.disconnect();
    await this.admin?.disconnect();
  }
}

/**
 * The checks every service's gateway must pass: liveness, readiness against
 * the real Kafka and database, OpenAPI, metrics, and auth on ops routes.
 */
export function describeServiceGateway(name: string, appModule: unknown): void {
  const request = require('supertest') as typeof import('supertest');
  describe(`${name} gateway`, () => {
    let svc: TestService;
    beforeAll(async () => {
      svc = await startTestService(appModule);
    });
    afterAll(async () => svc?.close());

    it('is live and ready, with Kafka and the database checked for real', async () => {
      await request(svc.url).get('/health/live').expect(200);
      const ready = await request(svc.url).get('/health/ready').expect(200);
      expect(ready.body.details).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    });

    it('serves its OpenAPI document', async () => {
      const res = await request(svc.url).get('/docs-json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.info.title).toBe(svc.config.service.title);
      expect(res.body.paths['/health/ready']).toBeDefined();
    });

    it('exposes Prometheus metrics labelled with the service', async () => {
      const res = await request(svc.url).get('/metrics').expect(200);
      expect(res.text).toContain(`service="${name}"`);
    });

    it('guards ops routes', async () => {
      await request(svc.url).get('/ops/dead-letters').expect(401);
      await request(svc.url)
        .get('/ops/dead-letters')
        .set('Authorization', `Bearer ${svc.token('member')}`)
        .expect(403);
      await request(svc.url)
        .get('/ops/dead-letters')
        .set('Authorization', `Bearer ${svc.token('ops')}`)
        .expect(200);
    });
  });
}
