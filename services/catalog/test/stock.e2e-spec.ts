import { exampleOf, ReturnShipmentReceived, Topics } from '@netdirect/contracts';
import { eventMessage, KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { StockRepository } from '../src/stock/stock.repository';
import { goodsReceived as received, orderPlaced as placed, productPublished, productRetired } from './support/catalog-events';

/*
 * The virtual warehouse's stock against the real Kafka and database: receipts
 * and returns from other services' events (each once), ops adjustments and
 * reorder settings over HTTP, ReorderPointReached once per downward crossing,
 * and SKUs that cannot be reserved: not on sale yet, retired, unknown.
 */

const goodsReceived = (receiptId: string, skuId: string, quantity: number) => received(receiptId, [{ skuId, quantity }]);
const orderPlaced = (orderId: string, skuId: string, quantity: number) => placed(orderId, [{ skuId, quantity }]);

describe('stock against real Kafka and the database', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;

  beforeAll(async () => {
    captured = await kafka.capture([Topics.catalogStock.name, Topics.catalogReservations.name]);
    svc = await startTestService(AppModule);
  }, 60_000);
  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops')}` });
  const stock = async (skuId: string) => (await request(svc.url).get(`/v1/stock/${skuId}`).set(ops())).body;
  /** Put the SKU's product on sale, as publishing it does: only then can orders reserve it. */
  const onSale = async (skuId: string) => {
    await kafka.produce(Topics.catalogProducts.name, [productPublished([skuId])]);
    await waitFor('on sale', async () => (await stock(skuId)).skuStatus === 'active');
  };
  /** The events of one key and type, once each: publishing is at least once, so a copy may follow. */
  const events = (key: string, type: string) => {
    const byId = new Map<string, Record<string, unknown>>();
    for (const m of captured.filter((c) => c.key === key && c.headers['event-type'] === type)) {
      const env = JSON.parse(m.value!) as { id: string; data: Record<string, unknown> };
      if (!byId.has(env.id)) byId.set(env.id, env.data);
    }
    return [...byId.values()];
  };

  it('raises on hand once per (receipt, SKU), even when the receipt is redelivered', async () => {
    const sku = uniqueId('sku-rcv-');
    const receipt = goodsReceived(uniqueId('rcpt-'), sku, 40);
    await kafka.produce(Topics.procurementPurchaseOrders.name, [receipt, receipt]);
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), sku, 2)]);
    await waitFor('both receipts', async () => (await stock(sku)).onHand === 42);
    await new Promise((r) => setTimeout(r, 300));
    expect(await stock(sku)).toMatchObject({ skuId: sku, onHand: 42, reserved: 0, available: 42 });
    await waitFor('the events', () => events(sku, 'StockReceived').length === 2);
    expect(events(sku, 'StockReceived').map((e) => e.onHand)).toEqual([40, 42]);
    // The receipts went to the movement ledger and left the stock document, which stays small...
    const repo = svc.app.get(StockRepository);
    expect((await repo.get(sku)).state.applied).toEqual([]);
    // ...and a copy arriving much later is still recognised, from the ledger.
    await kafka.produce(Topics.procurementPurchaseOrders.name, [receipt]);
    const marker = uniqueId('sku-after-');
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), marker, 1)]);
    await waitFor('the late copy handled', async () => (await stock(marker)).onHand === 1);
    expect(await stock(sku)).toMatchObject({ onHand: 42, available: 42 });
    expect(events(sku, 'StockReceived')).toHaveLength(2);
  });

  it('restocks the resellable units of a return, once, and not the damaged ones', async () => {
    const sku = uniqueId('sku-ret-');
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), sku, 5)]);
    await waitFor('stocked', async () => (await stock(sku)).onHand === 5);
    const base = exampleOf('ReturnShipmentReceived') as unknown as ReturnShipmentReceived;
    const ret = eventMessage(ReturnShipmentReceived, {
      ...base,
      returnId: uniqueId('ret-'),
      lines: [{ skuId: sku, quantity: 2, resellable: true }, { skuId: sku, quantity: 1, resellable: false }],
    });
    await kafka.produce(Topics.logisticsShipments.name, [ret, ret]);
    await waitFor('restocked', () => events(sku, 'StockRestocked').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(events(sku, 'StockRestocked')).toHaveLength(1);
    expect(events(sku, 'StockRestocked')[0]).toMatchObject({ quantity: 2, onHand: 7, available: 7 });
    expect(await stock(sku)).toMatchObject({ onHand: 7, available: 7 });
  });

  it('audits ops adjustments, refusing one that would make available stock negative', async () => {
    const sku = uniqueId('sku-adj-');
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), sku, 10)]);
    await waitFor('stocked', async () => (await stock(sku)).onHand === 10);
    await onSale(sku);
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(uniqueId('ord-'), sku, 8)]);
    await waitFor('reserved', async () => (await stock(sku)).reserved === 8);

    const refused = await request(svc.url)
      .post(`/v1/stock/${sku}/adjustments`)
      .set(ops())
      .send({ kind: 'damage', quantity: -3, reason: 'crushed' })
      .expect(422);
    expect(refused.body.fields[0].field).toBe('quantity');
    await request(svc.url).post(`/v1/stock/${sku}/adjustments`).set(ops()).send({ kind: 'damage', quantity: 2, reason: 'x' }).expect(422);
    await request(svc.url).post(`/v1/stock/${sku}/adjustments`).set(ops()).send({ kind: 'damage', quantity: 0, reason: 'x' }).expect(400);
    const ok = await request(svc.url)
      .post(`/v1/stock/${sku}/adjustments`)
      .set(ops())
      .send({ kind: 'damage', quantity: -2, reason: 'Two bottles crushed' })
      .expect(201);
    expect(ok.body).toMatchObject({ onHand: 8, reserved: 8, available: 0 });
    const [adjusted] = await waitFor('StockAdjusted', () => events(sku, 'StockAdjusted').length === 1 && events(sku, 'StockAdjusted'));
    expect(adjusted).toMatchObject({ kind: 'damage', quantity: -2, onHand: 8, available: 0, reason: 'Two bottles crushed' });
    // A retried request with the same Idempotency-Key adjusts once.
    const key = uniqueId('adj-');
    const count = { kind: 'count-correction', quantity: 5, reason: 'Found a box behind the shelf' };
    const first = await request(svc.url).post(`/v1/stock/${sku}/adjustments`).set(ops()).set('Idempotency-Key', key).send(count).expect(201);
    const retried = await request(svc.url).post(`/v1/stock/${sku}/adjustments`).set(ops()).set('Idempotency-Key', key).send(count).expect(201);
    expect(first.body).toMatchObject({ onHand: 13, available: 5 });
    expect(retried.body).toMatchObject({ onHand: 13, available: 5 });
    await waitFor('the second StockAdjusted', () => events(sku, 'StockAdjusted').length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(events(sku, 'StockAdjusted')).toHaveLength(2);
    const badKey = await request(svc.url).post(`/v1/stock/${sku}/adjustments`).set(ops()).set('Idempotency-Key', 'no spaces').send(count).expect(400);
    expect(badKey.body.fields).toEqual([{ field: 'Idempotency-Key', reason: expect.stringContaining('1-128 characters') }]);
    await request(svc.url)
      .post(`/v1/stock/${sku}/adjustments`)
      .set({ Authorization: `Bearer ${svc.token('member')}` })
      .send({ kind: 'count-correction', quantity: 1, reason: 'x' })
      .expect(403);
  });

  it('raises ReorderPointReached once per downward crossing and lists SKUs below reorder', async () => {
    const sku = uniqueId('sku-rop-');
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), sku, 20)]);
    await waitFor('stocked', async () => (await stock(sku)).onHand === 20);
    await onSale(sku);
    await request(svc.url).put(`/v1/stock/${sku}/reorder`).set(ops()).send({ reorderPoint: 10, reorderQuantity: 100 }).expect(200);
    expect(await stock(sku)).toMatchObject({ reorderPoint: 10, reorderQuantity: 100, belowReorder: false });

    // Three orders take it from 20 to 14, 9 (crossing), 4: one event.
    let total = 0;
    for (const q of [6, 5, 5]) {
      total += q;
      await kafka.produce(Topics.ordersOrders.name, [orderPlaced(uniqueId('ord-'), sku, q)]);
      await waitFor(`${total} reserved`, async () => (await stock(sku)).reserved === total);
    }
    await waitFor('all reserved', async () => (await stock(sku)).available === 4);
    const reached = await waitFor('ReorderPointReached', () => events(sku, 'ReorderPointReached').length >= 1 && events(sku, 'ReorderPointReached'));
    await new Promise((r) => setTimeout(r, 300));
    expect(events(sku, 'ReorderPointReached')).toHaveLength(1);
    expect(reached[0]).toMatchObject({ available: 9, reorderPoint: 10, suggestedQuantity: 100 });
    const page = await request(svc.url).get('/v1/stock?belowReorder=true').set(ops()).expect(200);
    expect(page.body.items.map((s: { skuId: string }) => s.skuId)).toContain(sku);
    // Pages go forward without repeats.
    const seen: string[] = [];
    let next: string | undefined;
    for (let i = 0; i < 50; i++) {
      const p = await request(svc.url).get('/v1/stock').query({ belowReorder: 'true', limit: 1, ...(next ? { after: next } : {}) }).set(ops()).expect(200);
      seen.push(...p.body.items.map((s: { skuId: string }) => s.skuId));
      next = p.body.next;
      if (!next) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(sku);

    // Back above (a receipt), then down again: a second crossing, a second event.
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), sku, 30)]);
    await waitFor('above again', async () => (await stock(sku)).belowReorder === false);
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(uniqueId('ord-'), sku, 30)]);
    await waitFor('a second crossing', () => events(sku, 'ReorderPointReached').length === 2, { timeoutMs: 10000 });
    await request(svc.url).get('/v1/stock?belowReorder=false').set(ops()).expect(400);
  });

  it('reserves only SKUs on sale: not published yet, retired (for good) and unknown SKUs are short', async () => {
    const [draft, sku] = [uniqueId('sku-draft-'), uniqueId('sku-ret-')];
    await kafka.produce(Topics.procurementPurchaseOrders.name, [goodsReceived(uniqueId('rcpt-'), draft, 10), goodsReceived(uniqueId('rcpt-'), sku, 10)]);
    await waitFor('stocked', async () => (await stock(draft)).onHand === 10 && (await stock(sku)).onHand === 10);
    expect((await stock(draft)).skuStatus).toBe('unknown');

    // Bought before its product is published: in stock, not for sale.
    const o0 = uniqueId('ord-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(o0, draft, 1)]);
    const [r0] = await waitFor('rejected', () => events(o0, 'StockReservationRejected').length === 1 && events(o0, 'StockReservationRejected'));
    expect(r0).toMatchObject({ reason: 'sku-not-on-sale', shortLines: [{ skuId: draft, requested: 1, available: 0 }] });
    expect(await stock(draft)).toMatchObject({ reserved: 0, available: 10 });
    await onSale(draft);
    const o00 = uniqueId('ord-');
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(o00, draft, 1)]);
    await waitFor('reserved once published', () => events(o00, 'StockReserved').length === 1);

    await onSale(sku);
    await kafka.produce(Topics.catalogProducts.name, [productRetired([sku])]);
    await waitFor('retired', async () => (await stock(sku)).skuStatus === 'retired');
    // A late copy of the publication does not put it back on sale (the marker SKU shows it was handled).
    const marker = uniqueId('sku-marker-');
    await kafka.produce(Topics.catalogProducts.name, [productPublished([sku, marker])]);
    await waitFor('the late publication handled', async () => (await stock(marker)).skuStatus === 'active');
    expect((await stock(sku)).skuStatus).toBe('retired');

    const [o1, o2] = [uniqueId('ord-'), uniqueId('ord-')];
    await kafka.produce(Topics.ordersOrders.name, [orderPlaced(o1, sku, 1), orderPlaced(o2, uniqueId('sku-none-'), 1)]);
    const [r1] = await waitFor('rejected', () => events(o1, 'StockReservationRejected').length === 1 && events(o1, 'StockReservationRejected'));
    const [r2] = await waitFor('rejected', () => events(o2, 'StockReservationRejected').length === 1 && events(o2, 'StockReservationRejected'));
    expect(r1).toMatchObject({ reason: 'sku-retired', shortLines: [{ skuId: sku, requested: 1, available: 0 }] });
    expect(r2.reason).toBe('unknown-sku');
    expect(await stock(sku)).toMatchObject({ skuStatus: 'retired', reserved: 0, available: 10 });
    await request(svc.url).get(`/v1/stock/${uniqueId('sku-none-')}`).set(ops()).expect(404);
  });

  it('documents every stock and reservation route, and answers what it documents', async () => {
    const doc = (await request(svc.url).get('/docs-json').expect(200)).body;
    const routes: [string, string, string[]][] = [
      ['get', '/v1/stock/{skuId}', ['200', '400', '401', '403', '404']],
      ['get', '/v1/stock', ['200', '400', '401', '403']],
      ['put', '/v1/stock/{skuId}/reorder', ['200', '400', '401', '403', '409', '413', '415', '422']],
      ['post', '/v1/stock/{skuId}/adjustments', ['201', '400', '401', '403', '409', '413', '415', '422']],
      ['get', '/v1/reservations/{orderId}', ['200', '400', '401', '403', '404']],
    ];
    for (const [method, route, statuses] of routes) {
      expect(Object.keys(doc.paths[route]?.[method]?.responses ?? {}).sort()).toEqual(expect.arrayContaining(statuses));
    }
    const body = doc.paths['/v1/stock/{skuId}/adjustments'].post.requestBody.content['application/json'].schema;
    const request_ = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    expect(request_.properties.quantity).toMatchObject({ type: 'integer', minimum: -1000000, maximum: 1000000 });
    expect(request_.properties.reason).toMatchObject({ minLength: 1, maxLength: 500 });

    const sku = uniqueId('sku-doc-');
    await request(svc.url).put(`/v1/stock/${sku}/reorder`).set(ops()).send({ reorderPoint: 5, reorderQuantity: 50 }).expect(200);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const closed = JSON.parse(JSON.stringify(doc.components.schemas.StockView));
    closed.additionalProperties = false;
    const validate = ajv.compile(closed);
    const got = (await request(svc.url).get(`/v1/stock/${sku}`).set(ops()).expect(200)).body;
    expect(validate(got) ? [] : validate.errors).toEqual([]);
  });
});
