import { Topics } from '@netdirect/contracts';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { eur, http, productPublished, reorderPointReached } from './support';

/*
 * The batching window against the real Kafka and database: reorder signals
 * arriving within one window are bought together by the run a durable timer
 * starts at the window's end, in one purchase order.
 */

describe('scheduled procurement runs against real Kafka and the database', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    svc = await startTestService(AppModule, { PROCUREMENT_BATCH_WINDOW: '4s', TIMERS_POLL_MS: '200' });
    api = http(svc);
  }, 60_000);
  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  it('buys the signals of one window together when the window closes', async () => {
    const skus = [uniqueId('sku-win1-'), uniqueId('sku-win2-')];
    const supplier = await api.register('Window Supplier');
    await api.priceList(
      supplier,
      skus.map((skuId) => ({ skuId, leadTimeDays: 3, minimumOrderQuantity: 1, packSize: 1, tiers: [{ minQuantity: 1, unitCost: eur(500) }] })),
    );
    await kafka.produce(Topics.catalogProducts.name, [productPublished(skus)]);
    await waitFor('the SKUs published', async () => {
      const res = await request(svc.url).post('/v1/procurement-runs').set(api.ops());
      return res.status === 201 && res.body.summary.notInCatalog === 0;
    });

    await kafka.produce(Topics.catalogStock.name, skus.map((s) => reorderPointReached(s, 40)));
    const run = await waitFor(
      'a scheduled run that bought both',
      async () => {
        const runs = (await request(svc.url).get('/v1/procurement-runs').set(api.ops()).expect(200)).body.items;
        return runs.find((r: { trigger: string; summary: { bought: number } | null }) => r.trigger === 'schedule' && r.summary?.bought === 2);
      },
      { timeoutMs: 30_000 },
    );
    const orders = (await request(svc.url).get(`/v1/purchase-orders?runId=${run.id}`).set(api.ops()).expect(200)).body.items;
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ supplierId: supplier, total: eur(40_000) });
    expect(orders[0].lines.map((l: { skuId: string }) => l.skuId).sort()).toEqual([...skus].sort());
  });
});
