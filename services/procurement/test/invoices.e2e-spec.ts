import { Topics } from '@netdirect/contracts';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { eur, http, productPublished, reorderPointReached } from './support';

/*
 * Supplier invoices against the real Kafka and database: an invoice billing
 * more than was received is held with the differing line, matched after the
 * supplier's credit note, due after the payment terms, exported in the
 * payment run, and settled only with a bank reference.
 */

describe('supplier invoices against real Kafka and the database', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let api: ReturnType<typeof http>;
  let captured: Awaited<ReturnType<KafkaTestClient['capture']>>;

  beforeAll(async () => {
    captured = await kafka.capture([Topics.procurementSupplierInvoices.name]);
    svc = await startTestService(AppModule);
    api = http(svc);
  }, 60_000);
  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const finance = () => ({ Authorization: `Bearer ${svc.token('finance')}` });
  const types = (key: string) => captured.filter((m) => m.key === key).map((m) => m.headers['event-type']);
  const event = (key: string, type: string) => {
    const m = captured.find((c) => c.key === key && c.headers['event-type'] === type);
    return m && (JSON.parse(m.value!).data as Record<string, unknown>);
  };

  it('holds a mismatch, matches it after a credit note, and settles it when due with a bank reference', async () => {
    const sku = uniqueId('sku-inv-');
    const supplier = await api.register('Invoicing Supplier');
    const other = await api.register('Other Supplier');
    await api.priceList(supplier, [{ skuId: sku, leadTimeDays: 5, minimumOrderQuantity: 1, packSize: 1, tiers: [{ minQuantity: 1, unitCost: eur(800) }] }]);
    await kafka.produce(Topics.catalogProducts.name, [productPublished([sku])]);
    await kafka.produce(Topics.catalogStock.name, [reorderPointReached(sku, 1000)]);
    await waitFor('demand', async () => (await api.demand(sku)).reorder === 1000);
    const { run } = await api.runBuying(sku);
    const poId = run.orders.find((o: { supplierId: string }) => o.supplierId === supplier).purchaseOrderId;
    await request(svc.url)
      .post(`/v1/purchase-orders/${poId}/confirmation`)
      .set(api.asSupplier(supplier))
      .send({ supplierReference: 'SO-1', deliveryDate: '2026-03-10T00:00:00Z' })
      .expect(200);
    await request(svc.url)
      .post(`/v1/purchase-orders/${poId}/receipts`)
      .set(api.ops())
      .send({ receiptId: randomUUID(), lines: [{ skuId: sku, quantity: 900 }] })
      .expect(200);

    // Billed for 1,000 units, 900 arrived: held with the differing line.
    const submitted = await request(svc.url)
      .post('/v1/supplier-invoices')
      .set(api.asSupplier(supplier))
      .send({ supplierId: supplier, supplierInvoiceNumber: 'RE-1', purchaseOrderId: poId, invoiceDate: '2026-03-12T00:00:00Z', lines: [{ skuId: sku, quantity: 1000, unitCost: eur(800) }] })
      .expect(201);
    const id = submitted.body.id;
    expect(submitted.body).toMatchObject({
      status: 'held',
      amount: eur(800_000),
      mismatches: [{ skuId: sku, invoiced: eur(800_000), allowed: eur(723_600), reason: 'invoiced 1000 units, 900 received' }],
      dueDate: null,
    });
    await request(svc.url)
      .post('/v1/supplier-invoices')
      .set(api.asSupplier(supplier))
      .send({ supplierId: supplier, supplierInvoiceNumber: 'RE-1', purchaseOrderId: poId, invoiceDate: '2026-03-12T00:00:00Z', lines: [{ skuId: sku, quantity: 1, unitCost: eur(800) }] })
      .expect(409);
    await request(svc.url).get(`/v1/supplier-invoices/${id}`).set(api.asSupplier(other)).expect(403);
    await request(svc.url).get(`/v1/supplier-invoices?supplierId=${supplier}`).set(api.asSupplier(other)).expect(403);
    const held = await request(svc.url).post(`/v1/supplier-invoices/${id}/payment`).set(finance()).send({ paymentReference: 'SEPA-1' }).expect(422);
    expect(held.body.fields[0].field).toBe('status');
    await waitFor('SupplierInvoiceHeld', () => event(id, 'SupplierInvoiceHeld'));

    // The supplier's credit note for the 100 missing units: matched, due 30 days after the invoice date.
    const note = { creditNoteId: randomUUID(), lines: [{ skuId: sku, amount: eur(80_000) }] };
    const matched = await request(svc.url).post(`/v1/supplier-invoices/${id}/credit-notes`).set(api.asSupplier(supplier)).send(note).expect(200);
    expect(matched.body).toMatchObject({ status: 'matched', amount: eur(720_000), mismatches: [], dueDate: '2026-04-11T00:00:00.000Z' });
    await request(svc.url).post(`/v1/supplier-invoices/${id}/credit-notes`).set(api.asSupplier(supplier)).send(note).expect(200);
    const m = await waitFor('SupplierInvoiceMatched', () => event(id, 'SupplierInvoiceMatched'));
    expect(m).toMatchObject({ amount: eur(720_000), dueDate: '2026-04-11T00:00:00.000Z', purchaseOrderId: poId });

    // Due by 11 April, not by 10 April; in the payment run's CSV.
    expect((await request(svc.url).get('/v1/payables?until=2026-04-10').set(finance()).expect(200)).body.items.map((p: { invoiceId: string }) => p.invoiceId)).not.toContain(id);
    const due = (await request(svc.url).get('/v1/payables?until=2026-04-11').set(finance()).expect(200)).body;
    expect(due.items).toContainEqual({ invoiceId: id, supplierId: supplier, supplierInvoiceNumber: 'RE-1', amount: eur(720_000), dueDate: '2026-04-11T00:00:00.000Z' });
    const csv = await request(svc.url).get('/v1/payment-runs/export?until=2026-04-11').set(finance()).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')).toContain(`${id},${supplier},Invoicing Supplier,RE-1,2026-04-11,EUR,720000`);

    // Paid only with a reference; then settled once, and no longer payable.
    await request(svc.url).post(`/v1/supplier-invoices/${id}/payment`).set(finance()).send({ paymentReference: '  ' }).expect(400);
    await request(svc.url).post(`/v1/supplier-invoices/${id}/payment`).set(finance()).send({}).expect(400);
    const settled = await request(svc.url).post(`/v1/supplier-invoices/${id}/payment`).set(finance()).send({ paymentReference: 'SEPA-20260411-1' }).expect(200);
    expect(settled.body).toMatchObject({ status: 'settled', paymentReference: 'SEPA-20260411-1' });
    await request(svc.url).post(`/v1/supplier-invoices/${id}/payment`).set(finance()).send({ paymentReference: 'SEPA-20260411-1' }).expect(200);
    await request(svc.url).post(`/v1/supplier-invoices/${id}/payment`).set(finance()).send({ paymentReference: 'OTHER' }).expect(422);
    expect(await waitFor('SupplierInvoiceSettled', () => event(id, 'SupplierInvoiceSettled'))).toMatchObject({ amount: eur(720_000), paymentReference: 'SEPA-20260411-1' });
    expect((await request(svc.url).get('/v1/payables').set(finance()).expect(200)).body.items.map((p: { invoiceId: string }) => p.invoiceId)).not.toContain(id);
    await new Promise((r) => setTimeout(r, 300));
    expect(types(id).filter((t) => t === 'SupplierInvoiceSettled')).toHaveLength(1);
  });

  it('matches a held invoice by itself once the rest of the goods it bills arrive', async () => {
    const sku = uniqueId('sku-late-');
    const supplier = await api.register('Late Goods Supplier');
    await api.priceList(supplier, [{ skuId: sku, leadTimeDays: 5, minimumOrderQuantity: 1, packSize: 1, tiers: [{ minQuantity: 1, unitCost: eur(300) }] }]);
    await kafka.produce(Topics.catalogProducts.name, [productPublished([sku])]);
    await kafka.produce(Topics.catalogStock.name, [reorderPointReached(sku, 100)]);
    await waitFor('demand', async () => (await api.demand(sku)).reorder === 100);
    const { run } = await api.runBuying(sku);
    const poId = run.orders.find((o: { supplierId: string }) => o.supplierId === supplier).purchaseOrderId;
    await request(svc.url).post(`/v1/purchase-orders/${poId}/confirmation`).set(api.asSupplier(supplier)).send({ supplierReference: 'SO-2', deliveryDate: '2026-03-10T00:00:00Z' }).expect(200);
    const receive = (quantity: number) =>
      request(svc.url).post(`/v1/purchase-orders/${poId}/receipts`).set(api.ops()).send({ receiptId: randomUUID(), lines: [{ skuId: sku, quantity }] }).expect(200);
    await receive(60);
    const invoice = await request(svc.url)
      .post('/v1/supplier-invoices')
      .set(api.asSupplier(supplier))
      .send({ supplierId: supplier, supplierInvoiceNumber: 'RE-LATE', purchaseOrderId: poId, invoiceDate: '2026-03-12T00:00:00Z', lines: [{ skuId: sku, quantity: 100, unitCost: eur(300) }] })
      .expect(201);
    expect(invoice.body).toMatchObject({ status: 'held', mismatches: [{ reason: 'invoiced 100 units, 60 received' }] });
    await receive(40);
    const matched = await waitFor('matched after the receipt', async () => {
      const body = (await request(svc.url).get(`/v1/supplier-invoices/${invoice.body.id}`).set(finance()).expect(200)).body;
      return body.status === 'matched' && body;
    });
    expect(matched).toMatchObject({ amount: eur(30_000), dueDate: '2026-04-11T00:00:00.000Z' });
    await waitFor('SupplierInvoiceMatched', () => event(invoice.body.id, 'SupplierInvoiceMatched'));
  });
});
