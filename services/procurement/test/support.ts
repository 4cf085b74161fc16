import { createEnvelope, exampleOf, headersFor, ProductPriceChanged, ProductPublished, ReorderPointReached, StockReservationRejected } from '@netdirect/contracts';
import { TestService, uniqueId } from '@netdirect/runtime/testing';
import request from 'supertest';

/** Helpers the procurement e2e tests share: catalog events as the catalog would publish them, and HTTP shortcuts. */

export function catalogMessage<T extends object>(cls: new () => T, data: T, key: string) {
  const { envelope } = createEnvelope(cls, data, { producer: 'catalog', correlationId: uniqueId('corr-'), causationId: uniqueId('cause-') });
  return { key, value: JSON.stringify(envelope), headers: headersFor(envelope) };
}

export function productPublished(skuIds: string[]) {
  const base = exampleOf('ProductPublished') as unknown as ProductPublished;
  const productId = uniqueId('prod-');
  return catalogMessage(ProductPublished, { ...base, productId, skus: skuIds.map((skuId) => ({ ...base.skus[0], skuId })) }, productId);
}

/** A cost change the catalog passed on: retail 21.00 → 20.00, member 15.00 → 13.50 (margin 6.00 → 6.50), effective now. */
export function costPriceChange(skuId: string) {
  const base = exampleOf('ProductPriceChanged') as unknown as ProductPriceChanged;
  const data = {
    ...base,
    effectiveFrom: new Date().toISOString(),
    prices: [{ ...base.prices[0], skuId }],
    details: [{ ...base.details![0], skuId }],
  };
  return catalogMessage(ProductPriceChanged, data, base.productId);
}

export function reorderPointReached(skuId: string, suggestedQuantity: number) {
  const base = exampleOf('ReorderPointReached') as unknown as ReorderPointReached;
  return catalogMessage(ReorderPointReached, { ...base, skuId, suggestedQuantity }, skuId);
}

export function reservationRejected(orderId: string, skuId: string, requested: number, available: number) {
  const base = exampleOf('StockReservationRejected') as unknown as StockReservationRejected;
  return catalogMessage(StockReservationRejected, { ...base, orderId, reason: 'insufficient-stock', shortLines: [{ skuId, requested, available }] }, orderId);
}

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

export function http(svc: TestService) {
  const ops = () => ({ Authorization: `Bearer ${svc.token('ops')}` });
  const asSupplier = (id: string) => ({ Authorization: `Bearer ${svc.token('supplier', id)}` });
  return {
    ops,
    asSupplier,
    async register(name: string): Promise<string> {
      const res = await request(svc.url)
        .post('/v1/suppliers')
        .set(ops())
        .send({ name, country: 'AT', orderEmail: 'orders@example.com', currency: 'EUR', paymentTermsDays: 30 })
        .expect(201);
      return res.body.id;
    },
    /** Publish a price list and wait until runs use it. */
    async priceList(supplierId: string, items: object[]): Promise<string> {
      const res = await request(svc.url)
        .post(`/v1/suppliers/${supplierId}/price-lists`)
        .set(asSupplier(supplierId))
        .send({ currency: 'EUR', validFrom: '2026-01-01T00:00:00Z', items })
        .expect(201);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        if ((await request(svc.url).get(`/v1/price-lists/${res.body.id}`).set(ops())).body.indexedAt) return res.body.id;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('price list not indexed');
    },
    async demand(skuId: string) {
      return (await request(svc.url).get(`/v1/demand/${skuId}`).set(ops()).expect(200)).body;
    },
    async run() {
      return (await request(svc.url).post('/v1/procurement-runs').set(ops()).expect(201)).body;
    },
    /** Run until a run buys the SKU (the catalog's publish may land after the reorder signal); the run and the SKU's decision. */
    async runBuying(skuId: string) {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const run = (await request(svc.url).post('/v1/procurement-runs').set(ops()).expect(201)).body;
        const page = (await request(svc.url).get(`/v1/procurement-runs/${run.id}`).set(ops()).expect(200)).body;
        const decision = page.decisions.items.find((x: { skuId: string }) => x.skuId === skuId);
        if (decision?.outcome === 'buy') return { run, page, decision };
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no run bought ${skuId}`);
    },
  };
}
