import { Topics } from '@netdirect/contracts';
import { CLOCK, RuntimeMetrics, TestClock } from '@netdirect/runtime';
import { KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import { AppModule } from '../src/app.module';
import { ReservationState } from '../src/reservations/reservation';
import { holdKey, Stock, StockState } from '../src/stock/stock';
import { goodsReceived, orderCancelled, orderPaid, orderPlaced, productPublished } from './support/catalog-events';

/*
 * The warehouse's reservations against the real Kafka and database, with two
 * catalog replicas sharing one database and one consumer group: orders come
 * as OrderPlaced/OrderPaid/OrderCancelled on orders.orders.v1 (six
 * partitions, keyed by order, so both replicas take part), and the outcome is
 * read from catalog.reservations.v1 and the stock documents.
 */

const DB = `test_catalog_res_${uniqueId()}`;
const GROUP = `test-catalog-res-${uniqueId()}`;
const ENV = {
  MONGO_DB: DB,
  KAFKA_GROUP_ID: GROUP,
  CLOCK: 'test',
  CLOCK_START: '2030-01-01T00:00:00Z',
  TIMERS_POLL_MS: '50',
  CATALOG_RESERVATION_TTL: '30m',
  CATALOG_RESERVATION_LEASE: '2s',
  CATALOG_RESERVATION_RESUME_INTERVAL: '300ms',
};

describe('stock reservations against real Kafka and the database, two replicas', () => {
  const kafka = new KafkaTestClient();
  let a: TestService;
  let b: TestService;
  let mongo: MongoClient;
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;

  beforeAll(async () => {
    captured = await kafka.capture([Topics.catalogReservations.name, Topics.catalogStock.name]);
    a = await startTestService(AppModule, ENV);
    b = await startTestService(AppModule, ENV);
    mongo = await MongoClient.connect(TEST_MONGO_URL);
  }, 60_000);

  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await mongo?.close();
    await kafka.close();
  });

  const stockDoc = (skuId: string) => mongo.db(DB).collection<StockState>('stock').findOne({ _id: skuId });
  const reservation = (orderId: string) => mongo.db(DB).collection<ReservationState>('reservations').findOne({ _id: orderId });
  const eventsFor = (key: string) =>
    captured.filter((m) => m.key === key).map((m) => JSON.parse(m.value!) as { id: string; type: string; data: Record<string, unknown> });
  /**
   * Our replicas' outcome for an order, or undefined while there is none. Our database decides:
   * the catalog services of test files running at the same time consume the same topics from
   * their own databases (they also take in our GoodsReceived) and answer the same OrderPlaced,
   * with the same derived event ids. The captured event of that type gives the details.
   */
  const outcome = async (orderId: string) => {
    const r = await reservation(orderId);
    if (!r || r.status === 'pending' || r.status === 'rejecting') return undefined;
    const type = r.status === 'rejected' ? 'StockReservationRejected' : 'StockReserved';
    const candidates = eventsFor(orderId).filter((e) => e.type === type);
    const expiresAt = (r as { expiresAt?: Date }).expiresAt;
    const ours = expiresAt && candidates.find((e) => new Date(e.data.expiresAt as string).getTime() === new Date(expiresAt).getTime());
    return ours || candidates[0];
  };
  const outcomesOf = (orders: string[]) => Promise.all(orders.map(outcome));
  const advanceBoth = (d: string) => {
    a.app.get<TestClock>(CLOCK).advance(d);
    b.app.get<TestClock>(CLOCK).advance(d);
  };

  async function stockUp(skuId: string, quantity: number): Promise<void> {
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), [{ skuId, quantity }])]);
    await waitFor(`${quantity} units of ${skuId} received`, async () => (await stockDoc(skuId))?.onHand === quantity);
    await kafka.produce(Topics.catalogProducts.name, [productPublished([skuId])]);
    await waitFor(`${skuId} on sale`, async () => (await stockDoc(skuId))?.skuStatus === 'active');
  }

  it('100 concurrent orders for the last 10 units: exactly 10 reserved, 90 rejected, never negative', async () => {
    const sku = uniqueId('sku-last10-');
    await stockUp(sku, 10);
    const orders = Array.from({ length: 100 }, () => uniqueId('ord-'));
    await Promise.all(orders.map((o) => kafka.produce(Topics.ordersOrders.name, [orderPlaced(o, [{ skuId: sku, quantity: 1 }])])));
    await waitFor('an outcome for every order', async () => (await outcomesOf(orders)).every(Boolean), { timeoutMs: 60_000 });
    const outcomes = (await outcomesOf(orders)).map((e) => e!.type);
    expect(outcomes.filter((t) => t === 'StockReserved')).toHaveLength(10);
    expect(outcomes.filter((t) => t === 'StockReservationRejected')).toHaveLength(90);
    const s = await stockDoc(sku);
    expect(s).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    expect(Object.keys(s!.holds)).toHaveLength(10);
    // Both replicas took part (each holds some of the orders topic's six partitions).
    const handled = async (svc: TestService) =>
      (await svc.app.get(RuntimeMetrics).consumed.get()).values
        .filter((v) => v.labels.topic === Topics.ordersOrders.name && v.labels.outcome === 'handled')
        .reduce((sum, v) => sum + v.value, 0);
    expect(await handled(a)).toBeGreaterThan(0);
    expect(await handled(b)).toBeGreaterThan(0);
    const rejected = (await outcomesOf(orders)).find((e) => e!.type === 'StockReservationRejected')!;
    expect(rejected.data).toMatchObject({ reason: 'insufficient-stock', shortLines: [{ skuId: sku, requested: 1, available: 0 }] });
  }, 90_000);

  it('reserves all lines or none: a short line gives back the lines already taken', async () => {
    const [plenty, scarce] = [uniqueId('sku-plenty-'), uniqueId('sku-scarce-')];
    await stockUp(plenty, 50);
    await stockUp(scarce, 1);
    const order = uniqueId('ord-');
    // `plenty` sorts first, so it is taken before `scarce` is found short.
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(order, [{ skuId: scarce, quantity: 2 }, { skuId: plenty, quantity: 5 }])]);
    const out = await waitFor('the outcome', () => outcome(order));
    expect(out.type).toBe('StockReservationRejected');
    expect(out.data.shortLines).toEqual([{ skuId: scarce, requested: 2, available: 1 }]);
    expect(await stockDoc(plenty)).toMatchObject({ reserved: 0, available: 50, holds: {} });
    expect(await stockDoc(scarce)).toMatchObject({ reserved: 0, available: 1 });
  });

  it('a redelivered OrderPlaced reserves nothing twice', async () => {
    const sku = uniqueId('sku-redeliver-');
    await stockUp(sku, 10);
    const order = uniqueId('ord-');
    const placed = orderPlaced(order, [{ skuId: sku, quantity: 3 }]);
    await kafka.produce(Topics.ordersOrders.name, [placed]);
    await waitFor('reserved', () => outcome(order));
    await kafka.produce(Topics.ordersOrders.name, [placed, placed]);
    // A later order on the same partition shows the copies were handled.
    const marker = uniqueId('ord-');
    await kafka.produce(Topics.ordersOrders.name, [{ ...orderPlaced(marker, [{ skuId: sku, quantity: 1 }]), key: order }]);
    await waitFor('the later order', () => outcome(marker));
    expect(await stockDoc(sku)).toMatchObject({ onHand: 10, reserved: 4, available: 6 });
    expect(new Set(eventsFor(order).filter((e) => e.type === 'StockReserved').map((e) => e.id)).size).toBe(1);
  });

  it('releases an expired reservation (durable timer on the test clock), and a later payment reserves again and commits', async () => {
    const sku = uniqueId('sku-expire-');
    await stockUp(sku, 5);
    const order = uniqueId('ord-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(order, [{ skuId: sku, quantity: 2 }])]);
    const reserved = await waitFor('reserved', () => outcome(order));
    expect(reserved.type).toBe('StockReserved');
    expect(reserved.data.expiresAt).toBe('2030-01-01T00:30:00.000Z');
    await waitFor('the expiry timer', async () => (await mongo.db(DB).collection('timers').findOne({ _id: `reservation-expiry:${order}:1` as never })) !== null);

    advanceBoth('29m');
    await new Promise((r) => setTimeout(r, 500));
    expect(eventsFor(order).some((e) => e.type === 'StockReleased')).toBe(false);
    advanceBoth('1m');
    const released = await waitFor('released', () => eventsFor(order).find((e) => e.type === 'StockReleased'));
    expect(released.data).toMatchObject({ reason: 'reservation-expired', lines: [{ skuId: sku, quantity: 2 }] });
    expect(await stockDoc(sku)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });

    await kafka.produce(Topics.ordersOrders.name, [orderPaid(order)]);
    const committed = await waitFor('committed', () => eventsFor(order).find((e) => e.type === 'StockCommitted'));
    expect(committed.data).toMatchObject({ lines: [{ skuId: sku, quantity: 2 }] });
    expect(await stockDoc(sku)).toMatchObject({ onHand: 3, reserved: 0, available: 3, holds: {} });
    expect(await reservation(order)).toMatchObject({ status: 'committed', attempt: 2 });
  });

  it('a payment after expiry with no stock left says StockCommitFailed', async () => {
    const sku = uniqueId('sku-gone-');
    await stockUp(sku, 2);
    const late = uniqueId('ord-late-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(late, [{ skuId: sku, quantity: 2 }])]);
    expect((await waitFor('reserved', () => outcome(late))).type).toBe('StockReserved');
    advanceBoth('31m');
    await waitFor('released', () => eventsFor(late).find((e) => e.type === 'StockReleased'));
    const other = uniqueId('ord-other-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(other, [{ skuId: sku, quantity: 2 }])]);
    expect((await waitFor('the other order reserved', () => outcome(other))).type).toBe('StockReserved');

    await kafka.produce(Topics.ordersOrders.name, [orderPaid(late)]);
    const failed = await waitFor('commit failed', () => eventsFor(late).find((e) => e.type === 'StockCommitFailed'));
    expect(failed.data).toMatchObject({ shortLines: [{ skuId: sku, requested: 2, available: 0 }] });
    expect(await stockDoc(sku)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
    // Our database decides: a catalog of another test file that took in our stock and never expired
    // its own hold of this order (its clock did not move) may well commit it from its own database.
    expect((await reservation(late))?.status).not.toBe('committed');
  });

  it('a cancellation releases held stock, and returns committed stock that was not shipped', async () => {
    const sku = uniqueId('sku-cancel-');
    await stockUp(sku, 10);
    const held = uniqueId('ord-held-');
    const paid = uniqueId('ord-paid-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(held, [{ skuId: sku, quantity: 1 }]), orderPlaced(paid, [{ skuId: sku, quantity: 3 }])]);
    await waitFor('both reserved', async () => (await outcome(held)) && (await outcome(paid)));
    await kafka.produce(Topics.ordersOrders.name, [orderPaid(paid)]);
    await waitFor('committed', () => eventsFor(paid).find((e) => e.type === 'StockCommitted'));
    expect(await stockDoc(sku)).toMatchObject({ onHand: 7, reserved: 1, available: 6 });

    await kafka.produce(Topics.ordersOrders.name, [orderCancelled(held), orderCancelled(paid)]);
    const r1 = await waitFor('held released', () => eventsFor(held).find((e) => e.type === 'StockReleased'));
    const r2 = await waitFor('committed returned', () => eventsFor(paid).find((e) => e.type === 'StockReleased'));
    expect(r1.data.reason).toBe('order-cancelled');
    expect(r2.data.reason).toBe('committed-order-cancelled');
    await waitFor('stock back', async () => (await stockDoc(sku))?.available === 10);
    expect(await stockDoc(sku)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
  });
});

describe('a reservation a crashed replica left between two SKU updates', () => {
  /** A database per test: the timers of one test run on the wall clock, the next one's on a test clock. */
  let db = '';
  beforeEach(() => {
    db = `test_catalog_crash_${uniqueId()}`;
  });
  afterEach(async () => {
    await mongo.db(db).dropDatabase().catch(() => undefined);
  });
  const kafka = new KafkaTestClient();
  let mongo: MongoClient;
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;

  beforeAll(async () => {
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    captured = await kafka.capture([Topics.catalogReservations.name]);
  });
  afterAll(async () => {
    await mongo?.close();
    await kafka.close();
  });

  const stock = () => mongo.db(db).collection<StockState>('stock');
  const reservation = (orderId: string) => mongo.db(db).collection<ReservationState>('reservations').findOne({ _id: orderId });
  const outcome = (orderId: string) =>
    captured.filter((m) => m.key === orderId).map((m) => JSON.parse(m.value!) as { type: string; data: Record<string, unknown> })[0];

  /** The state a replica leaves when it dies after holding 2 units of `first` and before `second`. */
  async function halfDone(order: string, first: string, second: string): Promise<void> {
    const key = holdKey(order, 1);
    await stock().updateOne({ _id: first }, { $inc: { reserved: 2, available: -2, seq: 1 }, $set: { [`holds.${key}`]: 2 } });
    await mongo.db(db).collection('reservations').insertOne({
      _id: order as never,
      reservationId: `rsv-${order}`,
      lines: [{ skuId: first, quantity: 2 }, { skuId: second, quantity: 2 }].sort((x, y) => (x.skuId < y.skuId ? -1 : 1)),
      status: 'pending',
      attempt: 1,
      intent: 'hold',
      inFlight: order,
      leaseUntil: new Date(Date.now() - 1000),
      seq: 1,
      placedAt: new Date(),
      updatedAt: new Date(),
      outbox: [],
      outboxSeq: 0,
      outboxLeaseUntil: null,
    });
  }

  it('is resumed to reserved when the second SKU has stock, or compensated when it has not, by the service started after it', async () => {
    const [a1, a2, c1, c2] = ['a-', 'b-', 'a-', 'b-'].map((p) => uniqueId(`sku-crash-${p}`));
    const on = (skuId: string, n: number) => ({ ...Stock.empty(skuId), skuStatus: 'active' as const, onHand: n, available: n, outbox: [], outboxSeq: 0 });
    await stock().insertMany([on(a1, 5), on(a2, 5), on(c1, 5), on(c2, 1)]);
    const resumed = uniqueId('ord-crash-');
    const compensated = uniqueId('ord-crash-');
    await halfDone(resumed, a1, a2);
    await halfDone(compensated, c1, c2);

    const svc = await startTestService(AppModule, { MONGO_DB: db, CATALOG_RESERVATION_LEASE: '2s' });
    try {
      // The start pass finishes both before the service takes traffic.
      expect((await reservation(resumed))?.status).toBe('reserved');
      expect((await reservation(compensated))?.status).toBe('rejected');
      expect(await stock().findOne({ _id: a1 })).toMatchObject({ reserved: 2, available: 3 });
      expect(await stock().findOne({ _id: a2 })).toMatchObject({ reserved: 2, available: 3 });
      expect(await stock().findOne({ _id: c1 })).toMatchObject({ reserved: 0, available: 5, holds: {} });
      expect(await stock().findOne({ _id: c2 })).toMatchObject({ reserved: 0, available: 1 });
      await waitFor('the events', () => outcome(resumed) && outcome(compensated));
      expect(outcome(resumed).type).toBe('StockReserved');
      expect(outcome(compensated).data).toMatchObject({ reason: 'insufficient-stock', shortLines: [{ skuId: c2, requested: 2, available: 1 }] });
    } finally {
      await svc.app.close();
    }
  }, 60_000);

  it('gives back a hold the taken-over replica wrote after the reservation moved on without it', async () => {
    const [first, second] = ['a-', 'b-'].map((p) => uniqueId(`sku-orphan-${p}`));
    const on = (skuId: string, n: number) => ({ ...Stock.empty(skuId), skuStatus: 'active' as const, onHand: n, available: n, outbox: [], outboxSeq: 0 });
    await stock().insertMany([on(first, 5), on(second, 1)]);
    const order = uniqueId('ord-orphan-');
    await halfDone(order, first, second);
    const svc = await startTestService(AppModule, {
      MONGO_DB: db,
      CATALOG_RESERVATION_LEASE: '2s',
      CLOCK: 'test',
      CLOCK_START: '2030-01-01T00:00:00Z',
      TIMERS_POLL_MS: '50',
    });
    try {
      // The start pass took the step over and compensated: nothing held.
      expect((await reservation(order))?.status).toBe('rejected');
      expect(await stock().findOne({ _id: first })).toMatchObject({ reserved: 0, available: 5, holds: {} });
      // The slow replica wakes up, writes the hold it was about to write, and crashes.
      const key = holdKey(order, 1);
      await stock().updateOne({ _id: first }, { $inc: { reserved: 2, available: -2, seq: 1 }, $set: { [`holds.${key}`]: 2 } });
      svc.app.get<TestClock>(CLOCK).advance('3s');
      await new Promise((r) => setTimeout(r, 300));
      expect(await stock().findOne({ _id: first })).toMatchObject({ reserved: 2, available: 3 }); // not before twice the lease
      svc.app.get<TestClock>(CLOCK).advance('2s');
      await waitFor('the orphaned hold given back', async () => (await stock().findOne({ _id: first }))?.available === 5);
      expect(await stock().findOne({ _id: first })).toMatchObject({ onHand: 5, reserved: 0, available: 5, holds: {} });
    } finally {
      await svc.app.close();
    }
  }, 60_000);
});
