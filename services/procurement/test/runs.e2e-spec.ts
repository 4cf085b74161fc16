import { Topics } from '@netdirect/contracts';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { costPriceChange, eur, http, productPublished, reorderPointReached, reservationRejected } from './support';

/*
 * Procurement runs and purchase orders against the real Kafka and database:
 * demand from the catalog's events, a run that buys up to the next tier,
 * a run resumed after a crash that issues nothing twice, confirmation short
 * (the shortfall back into demand), receipts in parts, an over-receipt
 * refused, and a supplier kept away from another supplier's orders.
 */

describe('procurement runs and purchase orders against real Kafka and the database', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let api: ReturnType<typeof http>;
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;
  let mongo: MongoClient;

  beforeAll(async () => {
    captured = await kafka.capture([Topics.procurementPurchaseOrders.name, Topics.procurementSkuCosts.name]);
    svc = await startTestService(AppModule, { PROCUREMENT_RUN_RESUME_INTERVAL: '300ms', PROCUREMENT_RUN_LEASE: '500ms' });
    api = http(svc);
    mongo = await MongoClient.connect(svc.config.mongo.url);
  }, 60_000);
  afterAll(async () => {
    await mongo?.close();
    await svc?.close();
    await kafka.close();
  });

  const db = () => mongo.db(svc.config.mongo.dbName);
  /** The events of one key and type, once each: publishing is at least once, so a copy may follow. */
  const events = (key: string, type: string) => {
    const byId = new Map<string, Record<string, unknown>>();
    for (const m of captured.filter((c) => c.key === key && c.headers['event-type'] === type)) {
      const env = JSON.parse(m.value!) as { id: string; data: Record<string, unknown> };
      if (!byId.has(env.id)) byId.set(env.id, env.data);
    }
    return [...byId.values()];
  };
  const tiers = (...t: [number, number][]) => t.map(([minQuantity, amount]) => ({ minQuantity, unitCost: eur(amount) }));
  const item = (skuId: string, t: [number, number][], over: object = {}) => ({ skuId, leadTimeDays: 5, minimumOrderQuantity: 1, packSize: 1, tiers: tiers(...t), ...over });

  /** Two suppliers with prices for the SKUs, the SKUs published, reorder signals in; answers when demand is visible. */
  async function setUp(reorders: [string, number][]) {
    const a = await api.register('Tiered Supplier');
    const b = await api.register('Flat Supplier');
    const skus = reorders.map(([s]) => s);
    await api.priceList(a, skus.map((s) => item(s, [[1, 900], [1000, 800]])));
    await api.priceList(b, skus.map((s) => item(s, [[1, 850]])));
    await kafka.produce(Topics.catalogProducts.name, [productPublished(skus)]);
    await kafka.produce(Topics.catalogStock.name, reorders.map(([s, q]) => reorderPointReached(s, q)));
    for (const [s, q] of reorders) await waitFor(`demand of ${s}`, async () => (await api.demand(s)).reorder === q);
    return { a, b };
  }
  const runBuying = (skuId: string) => api.runBuying(skuId);

  it('buys up to the next tier when that costs less in total (1,000 at 8.00 beats 950 at 9.00 and at 8.50)', async () => {
    const sku = uniqueId('sku-tier-');
    const { a, b } = await setUp([[sku, 950]]);
    const { run, decision } = await runBuying(sku);
    expect(run.status).toBe('done');
    expect(decision).toMatchObject({
      demand: { reorder: 950, net: 950 },
      chosen: { supplierId: a, quantity: 1000, unitCost: eur(800), total: eur(800_000), upToNextTier: true, firstTierUnitCost: eur(900) },
      rejected: [{ supplierId: b, reason: 'more-expensive', quantity: 950, total: eur(807_500) }],
    });
    const order = run.orders.find((o: { supplierId: string }) => o.supplierId === a);
    const [issued] = await waitFor('PurchaseOrderIssued', () => events(order.purchaseOrderId, 'PurchaseOrderIssued').length === 1 && events(order.purchaseOrderId, 'PurchaseOrderIssued'));
    expect(issued).toMatchObject({ supplierId: a, procurementRunId: run.id, lines: [{ skuId: sku, quantity: 1000, unitCost: eur(800), lineTotal: eur(800_000) }] });
    // The demand was bought: the next run has nothing to do for it, and 1,000 are on order.
    expect(await api.demand(sku)).toMatchObject({ reorder: 0, signals: 0 });
  });

  it('resumes a run a crash left half issued without issuing any order twice', async () => {
    const s1 = uniqueId('sku-crash1-');
    const s2 = uniqueId('sku-crash2-');
    const { a, b } = await setUp([[s1, 950], [s2, 10]]);
    const { run } = await runBuying(s1);
    const mine = run.orders.filter((o: { supplierId: string }) => [a, b].includes(o.supplierId));
    expect(mine).toHaveLength(2);
    for (const o of mine) await waitFor('issued', () => events(o.purchaseOrderId, 'PurchaseOrderIssued').length === 1);

    // The crash: the run was issuing, its second order not yet written, and its replica gone (lease lapsed).
    const lost = mine[1].purchaseOrderId;
    await db().collection('purchase_orders').deleteOne({ _id: lost });
    await db().collection('procurement_runs').updateOne({ _id: run.id }, { $set: { status: 'issuing', completedAt: null } });
    await db().collection('run_lease').insertOne({ _id: 'active', runId: run.id, leaseUntil: new Date(Date.now() - 1000) } as never);
    await request(svc.url).post('/v1/procurement-runs').set(api.ops()).expect(409);

    await waitFor('resumed', async () => (await request(svc.url).get(`/v1/procurement-runs/${run.id}`).set(api.ops())).body.status === 'done');
    const orders = (await request(svc.url).get(`/v1/purchase-orders?runId=${run.id}`).set(api.ops()).expect(200)).body.items;
    expect(orders.map((o: { id: string }) => o.id).sort()).toEqual(run.orders.map((o: { purchaseOrderId: string }) => o.purchaseOrderId).sort());
    await new Promise((r) => setTimeout(r, 500));
    for (const o of mine) expect(events(o.purchaseOrderId, 'PurchaseOrderIssued')).toHaveLength(1);
    await request(svc.url).post('/v1/procurement-runs').set(api.ops()).expect(201);
  });

  it('receives a partly confirmed order in parts, once per receipt id, refusing an over-receipt; the shortfall goes back into demand', async () => {
    const sku = uniqueId('sku-rcv-');
    const { a, b } = await setUp([[sku, 950]]);
    const { run } = await runBuying(sku);
    const poId = run.orders.find((o: { supplierId: string }) => o.supplierId === a).purchaseOrderId;

    // Another supplier can neither read nor confirm it, nor list it through a filter.
    await request(svc.url).get(`/v1/purchase-orders/${poId}`).set(api.asSupplier(b)).expect(403);
    await request(svc.url).get(`/v1/purchase-orders?supplierId=${a}`).set(api.asSupplier(b)).expect(403);
    await request(svc.url)
      .post(`/v1/purchase-orders/${poId}/confirmation`)
      .set(api.asSupplier(b))
      .send({ supplierReference: 'X', deliveryDate: '2026-03-10T00:00:00Z' })
      .expect(403);
    const own = (await request(svc.url).get('/v1/purchase-orders').set(api.asSupplier(a)).expect(200)).body.items;
    expect(own.map((o: { id: string }) => o.id)).toEqual([poId]);

    // Receiving before confirmation is refused; the supplier confirms 900 of 1,000.
    const receipt = (quantity: number, receiptId = randomUUID(), landed = 820) => ({
      receiptId,
      lines: [{ skuId: sku, quantity, landedUnitCost: eur(landed) }],
    });
    await request(svc.url).post(`/v1/purchase-orders/${poId}/receipts`).set(api.ops()).send(receipt(10)).expect(422);
    await request(svc.url)
      .post(`/v1/purchase-orders/${poId}/confirmation`)
      .set(api.asSupplier(a))
      .send({ supplierReference: 'AK-SO-1', deliveryDate: '2026-03-10T00:00:00Z', lines: [{ skuId: sku, quantity: 900 }] })
      .expect(200);
    await waitFor('the shortfall in demand', async () => (await api.demand(sku)).shortfall === 100);

    const first = receipt(600);
    const part = await request(svc.url).post(`/v1/purchase-orders/${poId}/receipts`).set(api.ops()).send(first).expect(200);
    expect(part.body).toMatchObject({ status: 'confirmed', lines: [{ confirmedQuantity: 900, receivedQuantity: 600 }] });
    const again = await request(svc.url).post(`/v1/purchase-orders/${poId}/receipts`).set(api.ops()).send(first).expect(200);
    expect(again.body.lines[0].receivedQuantity).toBe(600);

    // 900 confirmed + 2 % tolerance = 918: 319 more is refused, 300 closes the order.
    const over = await request(svc.url).post(`/v1/purchase-orders/${poId}/receipts`).set(api.ops()).send(receipt(319)).expect(422);
    expect(over.body.fields[0]).toMatchObject({ field: 'lines[0].quantity', reason: expect.stringMatching(/over-receipt/) });
    const rest = await request(svc.url).post(`/v1/purchase-orders/${poId}/receipts`).set(api.ops()).send(receipt(300, randomUUID(), 780)).expect(200);
    expect(rest.body).toMatchObject({ status: 'closed', lines: [{ receivedQuantity: 900 }] });

    const received = await waitFor('two GoodsReceived', () => events(poId, 'GoodsReceived').length === 2 && events(poId, 'GoodsReceived'));
    expect(received.map((e) => [e.complete, (e.lines as { quantityReceived: number }[])[0].quantityReceived])).toEqual([
      [false, 600],
      [true, 300],
    ]);
    const costs = await waitFor('two SkuCostChanged', () => events(sku, 'SkuCostChanged').length === 2 && events(sku, 'SkuCostChanged'));
    expect(costs.map((c) => [(c.previousUnitCost as { amount: number } | null)?.amount ?? null, (c.newUnitCost as { amount: number }).amount])).toEqual([
      [null, 820],
      [820, 780],
    ]);
    const savings = await waitFor('savings', async () => {
      const items = (await request(svc.url).get(`/v1/savings?skuId=${sku}`).set(api.ops()).expect(200)).body.items;
      return items[0]?.units === 900 && items[0];
    });
    expect(savings).toMatchObject({ units: 900, paid: eur(720_000), atFirstTier: eur(810_000), saved: eur(90_000) });

    // The catalog passes part of it on (a redelivery counts once): retail 1.00 lower, operator margin 0.50 higher per unit.
    const change = costPriceChange(sku);
    await kafka.produce(Topics.catalogProducts.name, [change, change]);
    const passed = await waitFor('passed on', async () => {
      const items = (await request(svc.url).get(`/v1/savings?skuId=${sku}`).set(api.ops()).expect(200)).body.items;
      return items[0]?.retailReductionPerUnit.amount !== 0 && items[0];
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(passed).toMatchObject({ retailReductionPerUnit: eur(100), operatorMarginIncreasePerUnit: eur(50) });
    expect((await request(svc.url).get(`/v1/savings?skuId=${sku}`).set(api.ops())).body.items[0]).toMatchObject({ retailReductionPerUnit: eur(100) });
  });

  it('counts unmet order demand once per order, and a rejected order goes back into demand', async () => {
    const sku = uniqueId('sku-unmet-');
    const orderId = uniqueId('ord-');
    await kafka.produce(Topics.catalogReservations.name, [reservationRejected(orderId, sku, 12, 2), reservationRejected(orderId, sku, 12, 2)]);
    await kafka.produce(Topics.catalogReservations.name, [reservationRejected(uniqueId('ord-'), sku, 5, 0)]);
    await waitFor('unmet demand', async () => (await api.demand(sku)).unmet === 15);
    await new Promise((r) => setTimeout(r, 300));
    expect(await api.demand(sku)).toMatchObject({ unmet: 15, signals: 2 });

    const { b } = await setUp([[sku, 20]]);
    const { run, decision } = await runBuying(sku);
    // 35 units: 29.75 from the flat supplier beat 31.50 at the other's first tier.
    expect(decision).toMatchObject({ demand: { reorder: 20, unmet: 15, net: 35 }, chosen: { supplierId: b, quantity: 35 } });
    const poId = run.orders.find((o: { supplierId: string }) => o.supplierId === b).purchaseOrderId;
    const po = (await request(svc.url).get(`/v1/purchase-orders/${poId}`).set(api.ops()).expect(200)).body;
    await request(svc.url).post(`/v1/purchase-orders/${poId}/rejection`).set(api.asSupplier(po.supplierId)).send({ reason: 'Out of raw material' }).expect(200);
    await waitFor('PurchaseOrderRejected', () => events(poId, 'PurchaseOrderRejected').length === 1);
    await waitFor('the rejected order back in demand', async () => (await api.demand(sku)).shortfall === 35);
  });
});
