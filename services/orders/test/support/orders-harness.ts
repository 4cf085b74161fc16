import { Topics } from '@netdirect/contracts';
import { CLOCK, TestClock } from '@netdirect/runtime';
import { KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { Db, MongoClient } from 'mongodb';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { OrderState } from '../../src/orders/order';

type Message = { key: string; value: string; headers: Record<string, string> };

/** An event of one order as captured from the orders topic. */
export interface CapturedEvent {
  id: string;
  type: string;
  data: Record<string, any>;
}

/**
 * The orders service of one test file against the real Kafka and database,
 * with what every orders e2e test reads: its database, the events of its own
 * orders (captured from `orders.orders.v1`, one per event id), tokens, and a
 * payment provider that signs its webhooks. `start` in beforeAll, `stop` in
 * afterAll.
 */
export class OrdersHarness {
  readonly kafka = new KafkaTestClient();
  readonly dbName: string;
  svc!: TestService;
  mongo!: MongoClient;
  private captured!: Awaited<ReturnType<KafkaTestClient['capture']>>;

  constructor(private readonly env: Record<string, string>) {
    this.dbName = env.MONGO_DB;
  }

  /** Boot the service, feed it the catalog's and network's events, and wait until its read models hold what `ready` looks for. */
  async start(seed: { catalog: Message[]; network: Message[]; ready: (db: Db) => Promise<unknown> }): Promise<void> {
    this.captured = await this.kafka.capture([Topics.ordersOrders.name]);
    this.svc = await startTestService(AppModule, this.env);
    this.mongo = await MongoClient.connect(TEST_MONGO_URL);
    await this.kafka.produce(Topics.catalogProducts.name, seed.catalog);
    await this.kafka.produce(Topics.networkMembers.name, seed.network);
    await waitFor('the read models', () => seed.ready(this.db));
  }

  async stop(): Promise<void> {
    await this.svc?.close();
    await this.mongo?.close();
    await this.kafka.close();
  }

  get db(): Db {
    return this.mongo.db(this.dbName);
  }

  http() {
    return request(this.svc.app.getHttpServer());
  }

  bearer(role: 'member' | 'ops', subject?: string): string {
    return `Bearer ${this.svc.token(role, subject)}`;
  }

  clock(): TestClock {
    return this.svc.app.get<TestClock>(CLOCK);
  }

  order(id: string): Promise<OrderState | null> {
    return this.db.collection<OrderState>('orders').findOne({ _id: id });
  }

  /** The order once it reached `status`. */
  statusIs(id: string, status: string): Promise<OrderState> {
    return waitFor(`order ${status}`, async () => {
      const o = await this.order(id);
      return o?.status === status ? o : null;
    }) as Promise<OrderState>;
  }

  /** The events of one order on the orders topic, in order, one per event id. */
  eventsFor(orderId: string): CapturedEvent[] {
    const seen = new Map<string, CapturedEvent>();
    for (const m of this.captured.filter((c) => c.key === orderId)) {
      const e = JSON.parse(m.value!);
      seen.set(e.id, e);
    }
    return [...seen.values()];
  }

  /** Register a payment provider (ops, channel payments): it signs its deliveries with the secret it was given. */
  async provider(name = 'Sandbox'): Promise<TestPaymentProvider> {
    const id = uniqueId('pay-').toLowerCase();
    const res = await this.http().post('/v1/webhook-callers').set('Authorization', this.bearer('ops')).send({ id, channel: 'payments', name }).expect(201);
    return new TestPaymentProvider(this, id, res.body.secret.value);
  }
}

/** A payment provider's side of the webhooks: notifications signed the Standard Webhooks way. */
export class TestPaymentProvider {
  constructor(
    private readonly h: OrdersHarness,
    readonly id: string,
    readonly secret: string,
  ) {}

  /** A notification as the provider signs it; `key`, `at` or `sentBody` forge, age or tamper it, `to` sends it to another provider's route. */
  deliver(body: object, opts: { id?: string; at?: Date; key?: string; sentBody?: string; to?: string } = {}) {
    const id = opts.id ?? uniqueId('msg_');
    const at = opts.at ?? new Date();
    const raw = JSON.stringify(body);
    return this.h
      .http()
      .post(`/v1/payments/webhook/${opts.to ?? this.id}`)
      .set('content-type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
      .set('webhook-signature', new Webhook(opts.key ?? this.secret).sign(id, at, raw))
      .send(opts.sentBody ?? raw);
  }

  /** Its open refund requests, as ops list them. */
  async refunds(query: Record<string, string> = {}) {
    return (await this.h.http().get('/v1/payments/refunds').query({ providerId: this.id, ...query }).set('Authorization', this.h.bearer('ops')).expect(200)).body.items;
  }
}
