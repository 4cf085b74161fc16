import { Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import type { LedgerEntryState } from '../src/ledger/ledger-entry.schema';
import { capturedEvents, memberRegistered, memberSuspended, orderCompleted, orderPaid, orderPlaced, orderRefunded, positionTransferred, produceNetwork, produceOrders, TestOrder } from './support';

/*
 * Clawbacks, payouts and payees against the real Kafka and database: a
 * partial refund and then the rest clawed back exactly; a clawback after a
 * payout carried forward; a second finance user approves; a transfer splits
 * lines between owners; a payment waits for its buyer's registration.
 */

const DB = `test_commission_payouts_${uniqueId()}`;
const MARKET = 'US';

describe('commission: clawbacks, payouts, owners', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: CapturedMessage[];
  const p = uniqueId('q').toLowerCase();
  const id = (x: string) => `${p}-${x}`;
  const http = () => request(svc.app.getHttpServer());
  const auth = (role: 'ops' | 'finance' | 'member', subject?: string) => `Bearer ${svc.token(role, subject)}`;
  const entries = async (orderId: string) => mongo.db(DB).collection<LedgerEntryState>('commission_entries').find({ orderId }, { projection: { outbox: 0 } }).toArray();
  const sumBy = (list: LedgerEntryState[], beneficiaryId: string) => list.filter((e) => e.beneficiaryId === beneficiaryId).reduce((s, e) => s + e.amountMinor, 0);
  const events = (topic: string, type: string) => capturedEvents(captured, topic, type);
  const guestSale = (orderId: string, sellerId: string, bvPerUnit: number, quantity: number, unitPrice: number, memberUnitPrice: number): TestOrder => ({
    orderId,
    buyerId: `${orderId}-guest`,
    buyerKind: 'guest',
    sellerId,
    market: MARKET,
    lines: [{ lineId: `${orderId}-1`, priceKind: 'retail', bvPerUnit, quantity, unitPrice, memberUnitPrice }],
  });

  beforeAll(async () => {
    svc = await startTestService(AppModule, {
      MONGO_DB: DB,
      KAFKA_GROUP_ID: `test-commission-payouts-${uniqueId()}`,
      CONSUMER_DEFER_RETRY_BASE_MS: '100',
      CONSUMER_DEFER_POLL_MS: '100',
      COMMISSION_PAYOUT_MINIMUM: '100',
    });
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    captured = await kafka.capture([Topics.commissionLedger.name, Topics.commissionPeriods.name]);
    await produceNetwork(kafka, [
      memberRegistered({ id: id('U'), kind: 'operator', upline: [] }, MARKET),
      memberRegistered({ id: id('S'), kind: 'operator', upline: [id('U')] }, MARKET),
      memberRegistered({ id: id('P'), kind: 'operator', upline: [] }, MARKET),
      memberRegistered({ id: id('T'), kind: 'operator', upline: [] }, MARKET),
    ]);
    // Only this file's members: every test service consumes the shared topics, so other files' registrations land here too.
    await waitFor('the members', async () => (await mongo.db(DB).collection('network_members').countDocuments({ _id: { $in: ['U', 'S', 'P', 'T'].map(id) as never[] } })) === 4);
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  it('a partial refund claws back its share of every line, and the last refund exactly the rest', async () => {
    // 3 units of 33.34 points: S earns the margin 3 × 30.00, U level 1 10 % of 100.02 points = 10.00.
    const o = guestSale(id('r1'), id('S'), 3334, 3, 10000, 7000);
    const at = '2025-03-10T10:00:00.000Z';
    await produceOrders(kafka, [orderPlaced(o, at), orderPaid(o.orderId, at)]);
    await waitFor('the estimates', async () => (await entries(o.orderId)).length === 2);
    expect(sumBy(await entries(o.orderId), id('S'))).toBe(9000);
    expect(sumBy(await entries(o.orderId), id('U'))).toBe(1000);

    const line = `${o.orderId}-1`;
    const first = orderRefunded(o.orderId, 'rf1', [{ lineId: line, quantity: 1, bv: 3334 }], '2025-03-12T10:00:00.000Z');
    await produceOrders(kafka, [first, first]);
    await waitFor('the first clawbacks', async () => (await entries(o.orderId)).length === 4);
    let list = await entries(o.orderId);
    expect(list.filter((e) => e.kind === 'clawback').map((e) => [e.beneficiaryId, e.amountMinor]).sort()).toEqual([[id('S'), -3000], [id('U'), -333]].sort());

    await produceOrders(kafka, [orderRefunded(o.orderId, 'rf2', [{ lineId: line, quantity: 1, bv: 3334 }], '2025-03-13T10:00:00.000Z')]);
    await waitFor('the second clawbacks', async () => (await entries(o.orderId)).length === 6);
    await produceOrders(kafka, [orderRefunded(o.orderId, 'rf3', [{ lineId: line, quantity: 1, bv: 3334 }], '2025-03-14T10:00:00.000Z', true)]);
    await waitFor('the last clawbacks', async () => (await entries(o.orderId)).length === 8);
    list = await entries(o.orderId);
    const u = list.filter((e) => e.beneficiaryId === id('U') && e.kind === 'clawback').sort((a, b) => (a.refundId! < b.refundId! ? -1 : 1));
    expect(u.map((e) => e.amountMinor)).toEqual([-333, -333, -334]); // 1/3 of 1000, 1/2 of the 667 left, then exactly the rest
    expect(sumBy(list, id('S'))).toBe(0);
    expect(sumBy(list, id('U'))).toBe(0);
    const clawed = await waitFor('CommissionClawedBack', () => events(Topics.commissionLedger.name, 'CommissionClawedBack').filter((e) => e.data.orderId === o.orderId));
    expect(clawed.length).toBeGreaterThanOrEqual(1);
    expect(clawed[0].data).toMatchObject({ refundId: expect.stringMatching(/^rf/), alreadyPaid: false, entryKind: 'clawback', amount: { amount: expect.any(Number), currency: 'USD' } });

    // The close nets the refunds booked while the period was open: nothing left to pay or adjust on the order.
    await http().post('/v1/periods/US-2025-03/close').set('Authorization', auth('ops')).expect(200);
    expect((await entries(o.orderId)).reduce((s, e) => s + e.amountMinor, 0)).toBe(0);
  }, 60_000);

  it('pays a completed order through a batch a second finance user approves; a clawback after the payout carries forward', async () => {
    const P = id('P');
    const o = guestSale(id('p1'), P, 5000, 1, 10000, 6000); // margin 40.00
    await produceOrders(kafka, [orderPlaced(o, '2025-04-10T10:00:00.000Z'), orderPaid(o.orderId, '2025-04-10T10:00:00.000Z'), orderCompleted(o.orderId, '2025-04-20T10:00:00.000Z')]);
    await waitFor('the order completed', async () => (await mongo.db(DB).collection('commission_orders').findOne({ _id: o.orderId as never }))?.completedAt);
    expect(sumBy(await entries(o.orderId), P)).toBe(4000);

    await http().post('/v1/payout-batches').set('Authorization', auth('finance', 'fin-1')).send({ periodId: 'US-2025-04' }).expect(422); // not closed yet
    await http().post('/v1/periods/US-2025-04/close').set('Authorization', auth('ops')).expect(200);
    await http()
      .put(`/v1/members/${P}/payee`)
      .set('Authorization', auth('member', P))
      .send({ accountHolder: 'Pat Payee', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', taxId: 'DE123456789' })
      .expect(200);
    await http().put(`/v1/members/${P}/payee`).set('Authorization', auth('member', id('T'))).send({ accountHolder: 'X', iban: 'DE89370400440532013000' }).expect(403);
    const bad = await http().put(`/v1/members/${P}/payee`).set('Authorization', auth('finance')).send({ accountHolder: 'X', iban: 'nope' }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/iban/);
    const stored = await mongo.db(DB).collection('payees').findOne({ _id: `party-${P}` as never });
    expect(JSON.stringify(stored)).not.toContain('DE89370400440532013000'); // sealed at rest

    const draft = await http().post('/v1/payout-batches').set('Authorization', auth('finance', 'fin-1')).send({ periodId: 'US-2025-04' }).expect(201);
    const batchId = draft.body.batchId;
    expect(draft.body).toMatchObject({ status: 'draft', totalMinor: 4000, payments: [{ partyId: `party-${P}`, name: 'Pat Payee', amountMinor: 4000, status: 'pending' }] });
    await http().post(`/v1/payout-batches/${batchId}/issue`).set('Authorization', auth('finance', 'fin-1')).expect(422); // not approved
    await http().post(`/v1/payout-batches/${batchId}/approve`).set('Authorization', auth('finance', 'fin-1')).expect(403); // the drafter
    await http().post(`/v1/payout-batches/${batchId}/approve`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    const csv = await http().get(`/v1/payout-batches/${batchId}/export.csv`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    expect(csv.text).toContain(`${batchId},party-${P},Pat Payee,DE89370400440532013000,COBADEFFXXX,DE123456789,4000,USD`);
    const issued = await http().post(`/v1/payout-batches/${batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    expect(issued.body).toMatchObject({ status: 'issued', payments: [{ status: 'paid' }] });
    const batchEvent = await waitFor('PayoutBatchIssued', () => events(Topics.commissionPeriods.name, 'PayoutBatchIssued').find((e) => e.data.batchId === batchId));
    expect(batchEvent.data).toMatchObject({ periodId: 'US-2025-04', paymentCount: 1, total: { amount: 4000, currency: 'USD' } });
    expect(JSON.stringify(batchEvent)).not.toContain('DE89');
    await waitFor('CommissionReleased', () => events(Topics.commissionLedger.name, 'CommissionReleased').find((e) => e.data.orderId === o.orderId));

    // Refunded after the payout: the clawback is booked in the open period and carried into the next batch.
    await produceOrders(kafka, [orderRefunded(o.orderId, 'rf-p1', [{ lineId: `${o.orderId}-1`, quantity: 1, bv: 5000 }], '2025-05-05T10:00:00.000Z', true)]);
    const claw = await waitFor('the clawback', async () => (await entries(o.orderId)).find((e) => e.kind === 'clawback'));
    expect(claw).toMatchObject({ amountMinor: -4000, periodId: 'US-2025-05', linePeriodId: 'US-2025-04', beneficiaryId: P });
    const event = await waitFor('CommissionClawedBack', () => events(Topics.commissionLedger.name, 'CommissionClawedBack').find((e) => e.data.orderId === o.orderId));
    expect(event.data).toMatchObject({ alreadyPaid: true, reversesLineId: claw.lineId, periodId: 'US-2025-05' });

    await http().post('/v1/periods/US-2025-05/close').set('Authorization', auth('ops')).expect(200);
    const next = await http().post('/v1/payout-batches').set('Authorization', auth('finance', 'fin-1')).send({ periodId: 'US-2025-05' }).expect(201);
    expect(next.body.payments.find((x: { partyId: string }) => x.partyId === `party-${P}`)).toBeUndefined();
    expect(next.body.carriedForwardMinor).toBe(4000);
    const statement = await http().get(`/v1/members/${P}/commissions`).set('Authorization', auth('member', P)).expect(200);
    expect(statement.body).toMatchObject({ totalMinor: 0, releasedMinor: 4000 });
  }, 90_000);

  it('a transfer splits lines between owners: before it the previous owner, after it the new one', async () => {
    const T = id('T');
    const before = guestSale(id('t1'), T, 1000, 1, 5000, 4000);
    const after = guestSale(id('t2'), T, 1000, 1, 5000, 4000);
    await produceOrders(kafka, [orderPlaced(before, '2025-06-05T10:00:00.000Z'), orderPaid(before.orderId, '2025-06-05T10:00:00.000Z')]);
    await produceNetwork(kafka, [positionTransferred(T, `party-${T}`, `party-new-${T}`, '2025-06-10T00:00:00.000Z')]);
    await waitFor('the new owner', async () => (await mongo.db(DB).collection('network_members').findOne({ _id: T as never }))?.owners.length === 2);
    await produceOrders(kafka, [orderPlaced(after, '2025-06-15T10:00:00.000Z'), orderPaid(after.orderId, '2025-06-15T10:00:00.000Z')]);
    const [e1] = await waitFor('t1 accrued', async () => ((await entries(before.orderId)).length ? entries(before.orderId) : null));
    const [e2] = await waitFor('t2 accrued', async () => ((await entries(after.orderId)).length ? entries(after.orderId) : null));
    expect(e1).toMatchObject({ beneficiaryId: T, payeePartyId: `party-${T}`, amountMinor: 1000 });
    expect(e2).toMatchObject({ beneficiaryId: T, payeePartyId: `party-new-${T}`, amountMinor: 1000 });
  }, 60_000);

  it("a suspended member's balance is held; a payment the bank returns is credited back for the next batch", async () => {
    const [R, V] = [id('R'), id('V')];
    await produceNetwork(kafka, [memberRegistered({ id: R, kind: 'operator', upline: [] }, MARKET), memberRegistered({ id: V, kind: 'operator', upline: [] }, MARKET)]);
    const r1 = guestSale(id('r8'), R, 1000, 1, 5000, 3000); // margin 20.00
    const v1 = guestSale(id('v8'), V, 1000, 1, 5000, 2000); // margin 30.00
    await produceOrders(kafka, [r1, v1].flatMap((o) => [orderPlaced(o, '2025-08-05T10:00:00.000Z'), orderPaid(o.orderId, '2025-08-05T10:00:00.000Z'), orderCompleted(o.orderId, '2025-08-20T10:00:00.000Z')]));
    await produceNetwork(kafka, [memberSuspended(V, '2025-08-25T00:00:00.000Z')]);
    await waitFor('both completed, V suspended', async () => {
      const done = await mongo.db(DB).collection('commission_orders').countDocuments({ _id: { $in: [r1.orderId, v1.orderId] as never[] }, completedAt: { $exists: true } });
      const v = await mongo.db(DB).collection('network_members').findOne({ _id: V as never });
      return done === 2 && v?.status === 'suspended';
    });
    await http().post('/v1/periods/US-2025-08/close').set('Authorization', auth('ops')).expect(200);
    for (const m of [R, V]) await http().put(`/v1/members/${m}/payee`).set('Authorization', auth('finance')).send({ accountHolder: `Holder ${m}`, iban: 'DE89370400440532013000' }).expect(200);

    const draft = await http().post('/v1/payout-batches').set('Authorization', auth('finance', 'fin-1')).send({ periodId: 'US-2025-08' }).expect(201);
    expect(draft.body.payments.map((x: { partyId: string; amountMinor: number }) => [x.partyId, x.amountMinor])).toEqual([[`party-${R}`, 2000]]);
    expect(draft.body.heldMinor).toBe(3000);
    await http().post(`/v1/payout-batches/${draft.body.batchId}/approve`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    await http().post(`/v1/payout-batches/${draft.body.batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    const returned = await http().post(`/v1/payout-batches/${draft.body.batchId}/payments/party-${R}/returned`).set('Authorization', auth('finance', 'fin-2')).send({ reason: 'account closed' }).expect(200);
    expect(returned.body.payments[0]).toMatchObject({ partyId: `party-${R}`, status: 'returned' });

    const again = await http().post('/v1/payout-batches').set('Authorization', auth('finance', 'fin-1')).send({ periodId: 'US-2025-08' }).expect(201);
    expect(again.body.payments.map((x: { partyId: string; amountMinor: number }) => [x.partyId, x.amountMinor])).toEqual([[`party-${R}`, 2000]]);
    expect(again.body.heldMinor).toBe(3000);

    const disclosure = await http().get('/v1/reports/income-disclosure?year=2025').set('Authorization', auth('finance')).expect(200);
    expect(disclosure.body.all).toMatchObject({ count: expect.any(Number), earningCount: expect.any(Number) });
    expect(disclosure.body.all.count).toBeGreaterThan(disclosure.body.all.earningCount); // operators earning nothing count too
    await http().get('/v1/reports/income-disclosure?year=nope').set('Authorization', auth('finance')).expect(400);
    await http().get('/v1/reports/income-disclosure?year=2025').set('Authorization', auth('member', R)).expect(403);
  }, 90_000);

  it("a payment waits for its buyer's registration (never for a guest)", async () => {
    const buyer = id('late-buyer');
    const o: TestOrder = { orderId: id('w1'), buyerId: buyer, buyerKind: 'consumer', sellerId: id('T'), market: MARKET, lines: [{ priceKind: 'retail', bvPerUnit: 1000, unitPrice: 5000, memberUnitPrice: 4500 }] };
    await produceOrders(kafka, [orderPlaced(o, '2025-07-01T10:00:00.000Z'), orderPaid(o.orderId, '2025-07-01T10:00:00.000Z')]);
    await waitFor('the payment parked', async () => (await mongo.db(DB).collection('deferred_events').countDocuments()) > 0);
    expect(await entries(o.orderId)).toEqual([]);
    await produceNetwork(kafka, [memberRegistered({ id: buyer, kind: 'consumer', upline: [id('T')] }, MARKET)]);
    const list = await waitFor('the accrual after the registration', async () => ((await entries(o.orderId)).length ? entries(o.orderId) : null), { timeoutMs: 20_000 });
    expect(list.map((e) => [e.beneficiaryId, e.rule, e.amountMinor])).toEqual([[id('T'), 'retail-margin', 500]]);
  }, 60_000);
});
