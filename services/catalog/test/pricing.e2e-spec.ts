/**
 * The pricing policy end to end, on the real Kafka and database: the issue's
 * worked example through SkuCostChanged gives exactly its prices on the
 * product and on the published ProductPriceChanged; a redelivered cost event
 * changes nothing; a manual price holds until the next cost change beyond
 * the threshold, which passes on to it.
 */
import {
  createEnvelope,
  GoodsReceived,
  headersFor,
  SkuCostChanged,
  StockAdjusted,
  StockCommitted,
  StockReleased,
  StockRestocked,
  Topics,
} from '@netdirect/contracts';
import { getModelToken } from '@nestjs/mongoose';
import {
  CapturedMessage,
  KafkaTestClient,
  startTestService,
  TestService,
  uniqueId,
  waitFor,
} from '@netdirect/runtime/testing';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import {
  COST_ENTRY_MODEL,
  CostEntry,
  SKU_COST_MODEL,
  SkuCostState,
} from '../src/pricing/costs/sku-cost.schema';
import { Product } from '../src/products/product';
import { ProductRepository } from '../src/products/product.repository';

type Json = Record<string, any>;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

function message<T extends object>(
  cls: new () => T,
  data: T,
  key: string,
  producer: 'procurement' | 'catalog' = 'procurement',
) {
  const { envelope } = createEnvelope(cls, data, {
    producer,
    correlationId: uniqueId('corr-'),
    causationId: uniqueId('cause-'),
  });
  return { key, value: JSON.stringify(envelope), headers: headersFor(envelope) };
}

describe('catalog pricing policy (real Kafka and the MongoDB-wire database)', () => {
  let svc: TestService;
  const kafka = new KafkaTestClient();
  let captured: CapturedMessage[];

  beforeAll(async () => {
    captured = await kafka.capture([Topics.catalogProducts.name]);
    svc = await startTestService(AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops', 'ops-paula')}` });
  const priceEvents = (productId: string): Json[] =>
    captured
      .filter((m) => m.key === productId)
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'ProductPriceChanged');

  /** A draft product with one SKU, written through the products' repository (as the products routes do). */
  async function draftProduct(): Promise<{ productId: string; skuId: string }> {
    const productId = randomUUID();
    const state = Product.create(
      productId,
      {
        name: 'Herbal Shampoo',
        categoryId: randomUUID(),
        skus: [
          {
            name: '500 ml',
            weightGrams: 520,
            dimensions: { lengthMm: 60, widthMm: 60, heightMm: 200 },
            retailPrice: eur(100),
            memberPrice: eur(50),
            bv: 0,
          },
        ],
      },
      { currency: 'EUR', bvHundredthsPerUnit: 100 },
      () => randomUUID(),
      new Date(),
    );
    if (state instanceof Error) throw state;
    await svc.app.get(ProductRepository).insert(state);
    return { productId, skuId: state.skus[0].skuId };
  }

  /** The SKU's prices as the product route shows them. */
  async function skuPrices(skuId: string): Promise<Json> {
    const found = await svc.app.get(ProductRepository).findSku(skuId);
    const product = await request(svc.url).get(`/v1/products/${found!.productId}`).set(ops()).expect(200);
    const sku = product.body.skus.find((k: Json) => k.skuId === skuId);
    return { retail: sku.retailPrice.amount, member: sku.memberPrice.amount, bv: sku.bv, manual: sku.manual };
  }

  const policy = {
    memberMarkupBps: 5000,
    retailMarkupBps: 4000,
    bvShareBps: 5000,
    minPlatformMarkupBps: 1000,
    retailShareBps: 5000,
    marginShareBps: 2500,
    repricingThresholdBps: 100,
  };

  it('prices the worked example through SkuCostChanged, once, and holds a manual price until the next cost change', async () => {
    const { productId, skuId } = await draftProduct();

    await request(svc.url)
      .put(`/v1/skus/${skuId}/standard-cost`)
      .set(ops())
      .send({ standardCost: eur(1000) })
      .expect(200);
    const saved = await request(svc.url).put('/v1/pricing-policy').set(ops()).send(policy).expect(200);
    expect(saved.body).toMatchObject({ ...policy, version: expect.any(Number), createdBy: 'ops-paula' });
    const current = await request(svc.url).get('/v1/pricing-policy').set(ops()).expect(200);
    expect(current.body.version).toBe(saved.body.version);
    await request(svc.url).get(`/v1/pricing-policy/versions/${saved.body.version}`).set(ops()).expect(200);

    // First price: member 15.00, retail 21.00, BV 7.50 points.
    const applied = await request(svc.url)
      .post('/v1/pricing-policy/apply')
      .set(ops())
      .send({ skuIds: [skuId] })
      .expect(200);
    expect(applied.body.changes[0]).toMatchObject({
      cause: 'policy-change',
      next: { retailPrice: eur(2100), memberPrice: eur(1500), bv: 750 },
    });
    expect(await skuPrices(skuId)).toEqual({ retail: 2100, member: 1500, bv: 750, manual: false });

    // The cost basis falls to 8.00: retail 20.00, member 13.50, BV 6.75 points.
    const costChanged = message(
      SkuCostChanged,
      {
        skuId,
        supplierId: 'sup_0007',
        previousUnitCost: eur(1000),
        newUnitCost: eur(800),
        purchaseOrderId: 'po_1',
        receiptId: `rcpt_${randomUUID()}`,
        changedAt: new Date().toISOString(),
      },
      skuId,
    );
    await kafka.produce(Topics.procurementSkuCosts.name, [costChanged]);
    const [event] = await waitFor('ProductPriceChanged for the cost change', () => {
      const found = priceEvents(productId).filter((e) => e.data.reason === 'cost-change');
      return found.length ? found : undefined;
    });
    expect(await skuPrices(skuId)).toEqual({ retail: 2000, member: 1350, bv: 675, manual: false });
    expect(event.data.prices).toEqual([{ skuId, retailPrice: eur(2000), memberPrice: eur(1350), bv: 675 }]);
    expect(event.data.pricingPolicyVersion).toBe(String(saved.body.version));
    expect(event.data.details).toEqual([
      {
        skuId,
        previousRetailPrice: eur(2100),
        previousMemberPrice: eur(1500),
        previousBv: 750,
        costBasisBefore: eur(1000),
        costBasisAfter: eur(800),
        retailShareBps: 5000,
        marginShareBps: 2500,
        shares: { retail: -100, operatorMargin: -50, platform: -50 },
        boundApplied: false,
      },
    ]);

    // The same event again (same id and bytes): nothing changes.
    await kafka.produce(Topics.procurementSkuCosts.name, [costChanged]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await skuPrices(skuId)).toEqual({ retail: 2000, member: 1350, bv: 675, manual: false });
    expect(priceEvents(productId).filter((e) => e.data.reason === 'cost-change')).toHaveLength(1);
    const entries = svc.app.get<Model<CostEntry>>(getModelToken(COST_ENTRY_MODEL));
    expect(await entries.countDocuments({ skuId })).toBe(2); // the standard cost and the receipt's cost

    // A manual price holds through a cost move within the threshold (8.00 → 8.05 is 0.625 % < 1 %)…
    const manual = await request(svc.url)
      .put(`/v1/skus/${skuId}/price`)
      .set(ops())
      .send({ retailPrice: eur(2500), memberPrice: eur(1800), bv: 900 })
      .expect(200);
    expect(manual.body).toMatchObject({ cause: 'manual', manual: true, costBasisAfter: eur(800) });
    expect(await skuPrices(skuId)).toEqual({ retail: 2500, member: 1800, bv: 900, manual: true });
    await kafka.produce(Topics.procurementSkuCosts.name, [
      message(
        SkuCostChanged,
        {
          skuId,
          supplierId: 'sup_0007',
          newUnitCost: eur(805),
          purchaseOrderId: 'po_2',
          receiptId: `rcpt_${randomUUID()}`,
          changedAt: new Date().toISOString(),
        },
        skuId,
      ),
    ]);
    await waitFor('cost basis 8.05', async () => {
      const cost = await request(svc.url).get(`/v1/skus/${skuId}/cost`).set(ops());
      return cost.body.costBasis?.amount === 805 ? cost.body : undefined;
    });
    expect(await skuPrices(skuId)).toEqual({ retail: 2500, member: 1800, bv: 900, manual: true });

    // …and the next one beyond it (a receipt at 7.00, Δ −1.00 from the 8.00 it was set at) passes on to it.
    const purchaseOrderId = `po_${randomUUID()}`;
    await kafka.produce(Topics.procurementPurchaseOrders.name, [
      message(
        GoodsReceived,
        {
          purchaseOrderId,
          receiptId: `rcpt_${randomUUID()}`,
          supplierId: 'sup_0007',
          lines: [{ skuId, quantityReceived: 10, landedUnitCost: eur(700) }],
          complete: true,
          receivedAt: new Date().toISOString(),
        },
        purchaseOrderId,
      ),
    ]);
    await waitFor('repriced from the manual price', async () => {
      const p = await skuPrices(skuId);
      return p.manual ? undefined : p;
    });
    // retail 25.00 − 0.50; member 18.00 − 0.75; BV 17.25 × 50 % = 8.625 points, truncated
    expect(await skuPrices(skuId)).toEqual({ retail: 2450, member: 1725, bv: 862, manual: false });

    const history = await request(svc.url)
      .get(`/v1/products/${productId}/price-history`)
      .set(ops())
      .expect(200);
    expect(history.body.items.map((i: Json) => i.cause)).toEqual([
      'policy-change',
      'cost-change',
      'manual',
      'cost-change',
    ]);
    expect(history.body.items[3]).toMatchObject({
      previous: { retailPrice: eur(2500), memberPrice: eur(1800), bv: 900 },
      costBasisBefore: eur(800),
      costBasisAfter: eur(700),
      split: { retail: -50, operatorMargin: -25, platform: -25 },
    });
  });

  it('weighs receipts into the average, ignores a SkuCostChanged whose receipt is in, waits for the receipt of one that comes first, and finishes a change a crash left', async () => {
    const { productId, skuId } = await draftProduct();
    await request(svc.url).put('/v1/pricing-policy').set(ops()).send(policy).expect(200);
    await request(svc.url)
      .put(`/v1/skus/${skuId}/standard-cost`)
      .set(ops())
      .send({ standardCost: eur(1000) })
      .expect(200);
    // A new SKU gets its first price from the current policy as soon as it has a cost basis...
    expect(await skuPrices(skuId)).toEqual({ retail: 2100, member: 1500, bv: 750, manual: false });
    // ...so applying that version to it again changes nothing.
    const reapplied = await request(svc.url)
      .post('/v1/pricing-policy/apply')
      .set(ops())
      .send({ skuIds: [skuId] })
      .expect(200);
    expect(reapplied.body.changes).toEqual([]);
    const cost = async () =>
      (await request(svc.url).get(`/v1/skus/${skuId}/cost`).set(ops()).expect(200)).body;
    const received = (receiptId: string, quantityReceived: number, amount: number) =>
      message(
        GoodsReceived,
        {
          purchaseOrderId: 'po_w',
          receiptId,
          supplierId: 'sup_0007',
          lines: [{ skuId, quantityReceived, landedUnitCost: eur(amount) }],
          complete: false,
          receivedAt: new Date().toISOString(),
        },
        'po_w',
      );
    const costChanged = (receiptId: string, amount: number) =>
      message(
        SkuCostChanged,
        {
          skuId,
          supplierId: 'sup_0007',
          newUnitCost: eur(amount),
          purchaseOrderId: 'po_w',
          receiptId,
          changedAt: new Date().toISOString(),
        },
        skuId,
      );
    const [r1, r2] = [`rcpt_${randomUUID()}`, `rcpt_${randomUUID()}`];

    // 10 units at 9.00 over nothing at cost: the basis is 9.00; Δ −1.00 passes on.
    const first = received(r1, 10, 900);
    await kafka.produce(Topics.procurementPurchaseOrders.name, [first]);
    // Weighed in, and then the price change it decided applied (a second write: wait for both).
    await waitFor('receipt 1 weighed in and passed on', async () => {
      const c = await cost();
      return c.quantityAtCost === 10 && c.pricedAt?.amount === 900 ? true : undefined;
    });
    expect(await skuPrices(skuId)).toEqual({ retail: 2050, member: 1425, bv: 712, manual: false });

    // Its SkuCostChanged comes after it: nothing. Receipt 2's comes first, with units at cost: it waits for its quantity.
    await kafka.produce(Topics.procurementSkuCosts.name, [costChanged(r1, 900), costChanged(r2, 600)]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await cost()).toMatchObject({ costBasis: eur(900), quantityAtCost: 10 });
    await kafka.produce(Topics.procurementPurchaseOrders.name, [received(r2, 30, 600)]);
    // (10 × 9.00 + 30 × 6.00) / 40 = 6.75; Δ −2.25 from 9.00: retail −1.12, member −1.12 − 0.56
    const after = await waitFor('receipt 2 weighed in and passed on', async () => {
      const c = await cost();
      return c.quantityAtCost === 40 && c.pricedAt?.amount === 675 ? c : undefined;
    });
    expect(after).toMatchObject({ costBasis: eur(675), pricedAt: eur(675) });
    expect(await skuPrices(skuId)).toEqual({ retail: 1938, member: 1257, bv: 628, manual: false });
    const entries = svc.app.get<Model<CostEntry>>(getModelToken(COST_ENTRY_MODEL));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await entries.find({ skuId }).lean()).map((e) => e.kind)).toEqual([
      'standard-cost',
      'receipt',
      'receipt',
    ]);

    // A crash after a price change was decided and before the product took it: the next touch finishes it.
    const costs = svc.app.get<Model<SkuCostState>>(getModelToken(SKU_COST_MODEL));
    const intentId = randomUUID();
    await costs.updateOne(
      { _id: skuId },
      {
        $set: {
          pending: {
            id: intentId,
            productId,
            skuId,
            cause: 'cost-change',
            from: { retail: 1938, member: 1257, bv: 628 },
            to: { retail: 1900, member: 1200, bv: 600 },
            manual: false,
            pricedCost: 675,
            policyVersion: after.policyVersion,
            costBefore: 675,
            retailShareBps: 5000,
            marginShareBps: 2500,
            split: null,
            boundApplied: false,
            at: new Date(),
            by: 'pricing-policy',
          },
        },
      },
    );
    await kafka.produce(Topics.procurementPurchaseOrders.name, [first]); // a redelivery touches the SKU
    await waitFor('the pending change finished', async () =>
      (await costs.findOne({ _id: skuId }).lean())?.pending === null ? true : undefined,
    );
    expect(await skuPrices(skuId)).toEqual({ retail: 1900, member: 1200, bv: 600, manual: false });
    const resumed = await waitFor('its ProductPriceChanged', () =>
      priceEvents(productId).find((e) => e.id === intentId),
    );
    expect(resumed.data.prices[0]).toMatchObject({ retailPrice: eur(1900), memberPrice: eur(1200) });
    const history = await request(svc.url)
      .get(`/v1/products/${productId}/price-history`)
      .set(ops())
      .expect(200);
    expect(history.body.items.map((i: Json) => i.cause)).toEqual([
      'policy-change',
      'cost-change',
      'cost-change',
      'cost-change',
    ]);
  });

  it('weighs the average over the units on hand: committed units leave, restocked, adjusted and uncommitted ones count, each once', async () => {
    const { skuId } = await draftProduct();
    const cost = async () =>
      (await request(svc.url).get(`/v1/skus/${skuId}/cost`).set(ops()).expect(200)).body;
    const receipt = (quantityReceived: number, amount: number) => {
      const receiptId = `rcpt_${randomUUID()}`;
      return message(
        GoodsReceived,
        {
          purchaseOrderId: 'po_h',
          receiptId,
          supplierId: 'sup_0007',
          lines: [{ skuId, quantityReceived, landedUnitCost: eur(amount) }],
          complete: false,
          receivedAt: new Date().toISOString(),
        },
        'po_h',
      );
    };
    const quantity = (n: number) => async () => {
      const c = await cost().catch(() => undefined);
      return c?.quantityAtCost === n ? c : undefined;
    };
    const now = () => new Date().toISOString();

    await kafka.produce(Topics.procurementPurchaseOrders.name, [receipt(10, 900)]);
    await waitFor('10 at cost', quantity(10));
    const orderId = randomUUID();
    const committed = message(
      StockCommitted,
      { orderId, reservationId: orderId, lines: [{ skuId, quantity: 8 }], committedAt: now() },
      orderId,
      'catalog',
    );
    await kafka.produce(Topics.catalogReservations.name, [committed, committed]);
    await waitFor('8 committed', quantity(2));
    const adjusted = message(
      StockAdjusted,
      {
        skuId,
        adjustmentId: randomUUID(),
        kind: 'damage',
        quantity: -1,
        onHand: 1,
        available: 1,
        reason: 'Dropped',
        by: 'ops-paula',
        adjustedAt: now(),
      },
      skuId,
      'catalog',
    );
    const restocked = message(
      StockRestocked,
      { skuId, quantity: 1, onHand: 2, available: 2, orderId, returnId: randomUUID(), restockedAt: now() },
      skuId,
      'catalog',
    );
    await kafka.produce(Topics.catalogStock.name, [adjusted, adjusted, restocked, restocked]);
    const settled = await waitFor('adjusted and restocked', async () => {
      const entries = await svc.app
        .get<Model<CostEntry>>(getModelToken(COST_ENTRY_MODEL))
        .countDocuments({ skuId });
      return entries === 4 ? cost() : undefined;
    });
    expect(settled).toMatchObject({ quantityAtCost: 2, costBasis: eur(900) });
    // (2 × 9.00 + 2 × 6.00) / 4 = 7.50, not (10 × 9.00 + 2 × 6.00) / 12 = 8.50
    await kafka.produce(Topics.procurementPurchaseOrders.name, [receipt(2, 600)]);
    expect(await waitFor('4 at cost', quantity(4))).toMatchObject({ costBasis: eur(750) });

    // The order is cancelled before shipment: its 8 committed units come back at the average (7.50).
    // Released holds (they never left) do not count.
    const released = (reason: 'committed-order-cancelled' | 'order-cancelled', id: string) =>
      message(StockReleased, { orderId: id, reservationId: id, lines: [{ skuId, quantity: 8 }], reason, releasedAt: now() }, id, 'catalog');
    const other = randomUUID();
    await kafka.produce(Topics.catalogReservations.name, [
      released('order-cancelled', other),
      released('committed-order-cancelled', orderId),
      released('committed-order-cancelled', orderId),
    ]);
    expect(await waitFor('12 at cost', quantity(12))).toMatchObject({ costBasis: eur(750) });
    // (12 × 7.50 + 12 × 6.00) / 24 = 6.75; without the returned units it would be (4 × 7.50 + 12 × 6.00) / 16 = 6.375
    await kafka.produce(Topics.procurementPurchaseOrders.name, [receipt(12, 600)]);
    expect(await waitFor('24 at cost', quantity(24))).toMatchObject({ costBasis: eur(675) });
  });

  it('refuses terms that break the policy’s rules, unknown SKUs, and a standard cost in another currency', async () => {
    const bad = await request(svc.url)
      .put('/v1/pricing-policy')
      .set(ops())
      .send({ ...policy, retailShareBps: 8000, marginShareBps: 2001 });
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toEqual([
      { field: 'marginShareBps', reason: expect.stringMatching(/at most 10000/) },
    ]);
    await request(svc.url)
      .post('/v1/pricing-policy/apply')
      .set(ops())
      .send({ skuIds: [randomUUID()] })
      .expect(404);
    const { skuId } = await draftProduct();
    const usd = await request(svc.url)
      .put(`/v1/skus/${skuId}/standard-cost`)
      .set(ops())
      .send({ standardCost: { amount: 1000, currency: 'USD' } });
    expect(usd.status).toBe(422);
    const noCost = await request(svc.url)
      .post('/v1/pricing-policy/apply')
      .set(ops())
      .send({ skuIds: [skuId] });
    expect(noCost.status).toBe(422);
  });
});
