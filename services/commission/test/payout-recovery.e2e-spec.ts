import { MemberStatusChanged, Topics } from '@netdirect/contracts';
import { CLOCK, TestClock } from '@netdirect/runtime';
import { CapturedMessage, eventMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import type { LedgerEntryState } from '../src/ledger/ledger-entry.schema';
import type { PayoutBatchState } from '../src/payouts/payout-batch';
import { PayoutFaults } from '../src/payouts/payout-faults';
import { capturedEvents, memberRegistered, orderCompleted, orderPaid, orderPlaced, produceNetwork, produceOrders, TestOrder } from './support';

/*
 * Payouts that survive a crash, and the ops decision on a terminated
 * member's held balance, against the real Kafka and database on the test
 * clock. A crash is simulated by arming a PayoutFaults point: the use case
 * stops there with an error, leaving the database as a crash at that step
 * would; the next call must finish the work exactly once.
 *
 * A market of its own (JP): every test service consumes every order event.
 */

const DB = `test_commission_recovery_${uniqueId()}`;
const MARKET = 'JP';
/** Waits on what the service consumes from Kafka: generous, as the shared machine may be loaded by other work. */
const settle = <T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false) => waitFor<T>(what, probe, { timeoutMs: 60_000 });
const LEASE_MS = 5_000;

describe('commission: payouts after a crash, held balances', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: CapturedMessage[];
  const p = uniqueId('j').toLowerCase();
  const id = (x: string) => `${p}-${x}`;
  const http = () => request(svc.app.getHttpServer());
  const auth = (role: 'ops' | 'finance' | 'member', subject?: string) => `Bearer ${svc.token(role, subject)}`;
  const clock = () => svc.app.get<TestClock>(CLOCK);
  const faults = () => svc.app.get(PayoutFaults);
  const later = (ms: number) => clock().set(new Date(clock().now().getTime() + ms));
  const db = () => mongo.db(DB);
  const entriesOf = (orderIds: string[]) => db().collection<LedgerEntryState>('commission_entries').find({ orderId: { $in: orderIds } }, { projection: { outbox: 0 } }).toArray();
  const batch = (batchId: string) => db().collection<PayoutBatchState>('payout_batches').findOne({ _id: batchId as never });
  const draft = (periodId: string) => http().post('/v1/payout-batches').set('Authorization', auth('finance', 'fin-1')).send({ periodId });
  const paid = (body: { payments: { partyId: string; amountMinor: number }[] }) => body.payments.map((x) => [x.partyId, x.amountMinor]);
  const statusChanged = (memberId: string, to: 'suspended' | 'terminated', at: string) =>
    eventMessage(MemberStatusChanged, { memberId, from: 'active', to, reason: 'test', by: 'ops-1', changedAt: at });
  const sale = (orderId: string, sellerId: string, unitPrice: number, memberUnitPrice: number): TestOrder => ({
    orderId,
    buyerId: `${orderId}-guest`,
    buyerKind: 'guest',
    sellerId,
    market: MARKET,
    lines: [{ lineId: `${orderId}-1`, priceKind: 'retail', bvPerUnit: 1000, quantity: 1, unitPrice, memberUnitPrice }],
  });
  /** Place, pay and complete sales (margin = unit price − member price, no upline), and wait for the completions. */
  const completedSales = async (orders: TestOrder[], paidAt: string, completedAt: string) => {
    await produceOrders(kafka, orders.flatMap((o) => [orderPlaced(o, paidAt), orderPaid(o.orderId, paidAt), orderCompleted(o.orderId, completedAt)]));
    await settle('the sales completed', async () => (await db().collection('commission_orders').countDocuments({ _id: { $in: orders.map((o) => o.orderId) as never[] }, completedAt: { $exists: true } })) === orders.length);
    await settle('the sales accrued', async () => new Set((await entriesOf(orders.map((o) => o.orderId))).map((e) => e.orderId)).size === orders.length);
  };
  const operators = async (names: string[]) => {
    await produceNetwork(kafka, names.map((n) => memberRegistered({ id: id(n), kind: 'operator', upline: [] }, MARKET)));
    await settle('the operators', async () => (await db().collection('network_members').countDocuments({ _id: { $in: names.map(id) as never[] } })) === names.length);
    for (const n of names) await http().put(`/v1/members/${id(n)}/payee`).set('Authorization', auth('finance')).send({ accountHolder: `Holder ${n}`, iban: 'JP89370400440532013000' }).expect(200);
  };
  const close = (periodId: string) => http().post(`/v1/periods/${periodId}/close`).set('Authorization', auth('ops')).expect(200);

  beforeAll(async () => {
    svc = await startTestService(AppModule, {
      MONGO_DB: DB,
      KAFKA_GROUP_ID: `test-commission-recovery-${uniqueId()}`,
      CLOCK: 'test',
      CLOCK_START: '2025-01-05T00:00:00Z',
      COMMISSION_PAYOUT_MINIMUM: '100',
      COMMISSION_PAYOUT_DRAFT_LEASE_MS: String(LEASE_MS),
    });
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    captured = await kafka.capture([Topics.commissionLedger.name, Topics.commissionPeriods.name]);
  }, 180_000);

  afterAll(async () => {
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  it('a draft that crashed after claiming is finished by the next draft once its lease ran out; an issue that crashed releases the rest once', async () => {
    await operators(['A', 'B']);
    const orders = [sale(id('a1'), id('A'), 5000, 3000), sale(id('b1'), id('B'), 5000, 2000)]; // margins 20.00 and 30.00
    await completedSales(orders, '2025-01-10T10:00:00.000Z', '2025-01-20T10:00:00.000Z');
    clock().set('2025-02-02T00:00:00Z');
    await close('JP-2025-01');

    faults().arm('draft:after-claim');
    await draft('JP-2025-01').expect(500);
    const batchId = 'pb-JP-2025-01-1';
    expect(await batch(batchId)).toMatchObject({ status: 'drafting', totalMinor: 5000 });
    expect((await entriesOf(orders.map((o) => o.orderId))).map((e) => e.batchId)).toEqual([batchId, batchId]); // claimed, batch never finished
    const busy = await draft('JP-2025-01').expect(409); // its drafter may still be alive: the lease holds
    expect(busy.body.message).toMatch(/being drafted/);

    later(LEASE_MS + 1);
    const resumed = await draft('JP-2025-01').expect(201);
    expect(resumed.body).toMatchObject({ batchId, status: 'draft', totalMinor: 5000 });
    expect(paid(resumed.body)).toEqual([[`party-${id('A')}`, 2000], [`party-${id('B')}`, 3000]]);
    expect(await db().collection('payout_batches').countDocuments({ periodId: 'JP-2025-01' })).toBe(1);

    await http().post(`/v1/payout-batches/${batchId}/approve`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    faults().arm('issue:after-batch');
    await http().post(`/v1/payout-batches/${batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(500);
    expect(await batch(batchId)).toMatchObject({ status: 'issued' });
    expect((await entriesOf(orders.map((o) => o.orderId))).filter((e) => e.releasedAt)).toEqual([]); // issued, nothing released yet

    faults().arm('issue:after-first-release');
    await http().post(`/v1/payout-batches/${batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(500);
    expect((await entriesOf(orders.map((o) => o.orderId))).filter((e) => e.releasedAt)).toHaveLength(1);
    await http().post(`/v1/payout-batches/${batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    await http().post(`/v1/payout-batches/${batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    const entries = await entriesOf(orders.map((o) => o.orderId));
    expect(entries.every((e) => e.releasedAt && e.batchId === batchId)).toBe(true);
    expect(new Set(entries.map((e) => e.releasedAt!.toISOString())).size).toBe(1); // one release instant: the batch's

    const released = await settle('CommissionReleased for both entries', () => {
      const r = capturedEvents(captured, Topics.commissionLedger.name, 'CommissionReleased').filter((e) => orders.some((o) => o.orderId === e.data.orderId));
      return r.length === 2 ? r : null;
    });
    expect(released.map((e) => e.data.amount.amount).sort()).toEqual([2000, 3000]);
    const issuedOf = () => capturedEvents(captured, Topics.commissionPeriods.name, 'PayoutBatchIssued').filter((e) => e.data.batchId === batchId);
    const issued = await settle('PayoutBatchIssued', () => (issuedOf().length ? issuedOf() : null));
    expect(issued).toHaveLength(1);
    expect(issued[0].data).toMatchObject({ paymentCount: 2, total: { amount: 5000, currency: 'USD' } });

    const next = await draft('JP-2025-01').expect(201); // nothing is paid twice
    expect(next.body).toMatchObject({ batchId: 'pb-JP-2025-01-2', totalMinor: 0, payments: [] });
    await http().post(`/v1/payout-batches/${next.body.batchId}/approve`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    await http().post(`/v1/payout-batches/${next.body.batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(200);
  }, 180_000);

  it("a dead draft whose entries another batch took is discarded, its claims given back; the period's next draft pays nothing twice", async () => {
    await operators(['C']);
    const c1 = sale(id('c1'), id('C'), 4000, 2500); // margin 15.00
    await completedSales([c1], '2025-03-10T10:00:00.000Z', '2025-03-20T10:00:00.000Z');
    clock().set('2025-05-02T00:00:00Z');
    await close('JP-2025-03');
    await close('JP-2025-04');

    faults().arm('draft:after-insert');
    await draft('JP-2025-03').expect(500);
    expect(await batch('pb-JP-2025-03-1')).toMatchObject({ status: 'drafting', totalMinor: 1500 });
    // The April batch pays everything releasable up to April, C's March line included.
    const april = await draft('JP-2025-04').expect(201);
    expect(paid(april.body)).toEqual([[`party-${id('C')}`, 1500]]);

    later(LEASE_MS + 1);
    const march = await draft('JP-2025-03').expect(201);
    expect(march.body).toMatchObject({ batchId: 'pb-JP-2025-03-2', status: 'draft', totalMinor: 0, payments: [] });
    expect(await batch('pb-JP-2025-03-1')).toMatchObject({ status: 'discarded', discardedReason: expect.stringMatching(/claimed by another batch/) });
    const [entry] = await entriesOf([c1.orderId]);
    expect(entry.batchId).toBe(april.body.batchId);
    const view = await http().get('/v1/payout-batches/pb-JP-2025-03-1').set('Authorization', auth('ops')).expect(200);
    expect(view.body.status).toBe('discarded');
    await http().post('/v1/payout-batches/pb-JP-2025-03-1/approve').set('Authorization', auth('finance', 'fin-2')).expect(422);
    for (const b of [april.body.batchId, march.body.batchId]) {
      await http().post(`/v1/payout-batches/${b}/approve`).set('Authorization', auth('finance', 'fin-2')).expect(200);
      await http().post(`/v1/payout-batches/${b}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    }
  }, 180_000);

  it("a terminated member's held balance waits for ops: forfeit to breakage (a ledger line, in the statement) or release to the payee of record", async () => {
    await operators(['F', 'R', 'S', 'X']);
    const [f1, r1, s1, x1] = [sale(id('f1'), id('F'), 5000, 2500), sale(id('r1'), id('R'), 5000, 3200), sale(id('s1'), id('S'), 5000, 3800), sale(id('x1'), id('X'), 5000, 4100)];
    await completedSales([f1, r1, s1, x1], '2025-06-10T10:00:00.000Z', '2025-06-20T10:00:00.000Z'); // margins 25.00, 18.00, 12.00, 9.00
    await produceNetwork(kafka, [statusChanged(id('F'), 'terminated', '2025-06-25T00:00:00.000Z'), statusChanged(id('R'), 'terminated', '2025-06-25T00:00:00.000Z'), statusChanged(id('X'), 'terminated', '2025-06-25T00:00:00.000Z'), statusChanged(id('S'), 'suspended', '2025-06-25T00:00:00.000Z')]);
    await settle('the status changes', async () => (await db().collection('network_members').countDocuments({ _id: { $in: ['F', 'R', 'S', 'X'].map(id) as never[] }, status: { $ne: 'active' } })) === 4);
    clock().set('2025-07-02T00:00:00Z');
    await close('JP-2025-06');

    const held = await draft('JP-2025-06').expect(201);
    expect(held.body).toMatchObject({ payments: [], heldMinor: 2500 + 1800 + 1200 + 900 });
    await http().post(`/v1/payout-batches/${held.body.batchId}/approve`).set('Authorization', auth('finance', 'fin-2')).expect(200);
    await http().post(`/v1/payout-batches/${held.body.batchId}/issue`).set('Authorization', auth('finance', 'fin-2')).expect(200);

    const heldOf = (member: string) => http().get(`/v1/members/${id(member)}/held-balance`).set('Authorization', auth('finance'));
    expect((await heldOf('F').expect(200)).body).toEqual({ memberId: id('F'), status: 'terminated', heldMinor: 2500, currency: 'USD', shares: [{ partyId: `party-${id('F')}`, amountMinor: 2500, entryCount: 1 }], decisions: [] });
    expect((await heldOf('S').expect(200)).body).toMatchObject({ status: 'suspended', heldMinor: 1200 });
    await http().get(`/v1/members/${id('F')}/held-balance`).set('Authorization', auth('member', id('F'))).expect(403);
    const decide = (member: string, body: object, role: 'ops' | 'finance' = 'ops') => http().post(`/v1/members/${id(member)}/held-balance/decision`).set('Authorization', auth(role, 'ops-7')).send(body);
    await decide('F', { decision: 'forfeit', reason: 'x' }, 'finance').expect(403);
    expect(JSON.stringify((await decide('F', { decision: 'keep', reason: 'x' }).expect(400)).body)).toMatch(/decision/);
    expect(JSON.stringify((await decide('F', { decision: 'forfeit' }).expect(400)).body)).toMatch(/reason/);
    expect((await decide('S', { decision: 'release', reason: 'x' }).expect(422)).body.message).toMatch(/suspended/);
    await http().post(`/v1/members/${p}-nobody/held-balance/decision`).set('Authorization', auth('ops')).send({ decision: 'release', reason: 'x' }).expect(404);

    const forfeited = await decide('F', { decision: 'forfeit', reason: 'fraud confirmed' }).expect(200);
    expect(forfeited.body).toMatchObject({ decisionId: `hbd-${id('F')}-1`, decision: 'forfeit', status: 'recorded', totalMinor: 2500, decidedBy: 'ops-7', periodId: 'JP-2025-07', shares: [{ partyId: `party-${id('F')}`, amountMinor: 2500, entryCount: 1 }] });
    const again = await decide('F', { decision: 'forfeit', reason: 'fraud confirmed' }).expect(200);
    expect(again.body.decisionId).toBe(forfeited.body.decisionId);
    await decide('F', { decision: 'release', reason: 'changed my mind' }).expect(409);
    expect((await heldOf('F').expect(200)).body).toMatchObject({ heldMinor: 0, currency: null, shares: [], decisions: [{ decisionId: forfeited.body.decisionId, decision: 'forfeit' }] });
    const fEntries = await entriesOf([f1.orderId, forfeited.body.decisionId]);
    const forfeit = fEntries.filter((e) => e.kind === 'held-balance-forfeited');
    expect(forfeit).toHaveLength(1);
    expect(forfeit[0]).toMatchObject({ amountMinor: -2500, breakageMinor: 2500, beneficiaryId: id('F'), payeePartyId: `party-${id('F')}`, periodId: 'JP-2025-07', batchId: forfeited.body.decisionId });
    expect(forfeit[0].breakageReason).toMatch(/fraud confirmed/);
    expect(fEntries.every((e) => e.batchId === forfeited.body.decisionId && !e.releasedAt)).toBe(true);
    const statement = await http().get(`/v1/members/${id('F')}/commissions`).set('Authorization', auth('ops')).expect(200);
    expect(statement.body).toMatchObject({ totalMinor: 0, releasedMinor: 0, heldBalanceDecisions: [{ decisionId: forfeited.body.decisionId, decision: 'forfeit', reason: 'fraud confirmed', totalMinor: 2500 }] });
    expect(statement.body.entries.map((e: { kind: string; amountMinor: number }) => [e.kind, e.amountMinor])).toEqual([['estimate', 2500], ['held-balance-forfeited', -2500]]);
    const explained = await http().get(`/v1/commission-lines/${forfeit[0].lineId}/explain`).set('Authorization', auth('ops')).expect(200);
    expect(explained.body).toMatchObject({ netMinor: -2500, rule: 'held-balance-forfeited' });
    expect(explained.body.text).toMatch(/forfeited to breakage by ops-7/);

    // A forfeit that crashed after claiming is finished by the repeated request: one forfeit line.
    faults().arm('decision:after-claim');
    await decide('X', { decision: 'forfeit', reason: 'account abandoned' }).expect(500);
    expect(await db().collection('held_balance_decisions').findOne({ _id: `hbd-${id('X')}-1` as never })).toMatchObject({ status: 'recording' });
    const xDone = await decide('X', { decision: 'forfeit', reason: 'account abandoned' }).expect(200);
    expect(xDone.body).toMatchObject({ decisionId: `hbd-${id('X')}-1`, status: 'recorded', totalMinor: 900 });
    const xEntries = await entriesOf([x1.orderId, xDone.body.decisionId]);
    expect(xEntries.map((e) => [e.kind, e.amountMinor]).sort()).toEqual([['estimate', 900], ['held-balance-forfeited', -900]]);

    const released = await decide('R', { decision: 'release', reason: 'estate of the member, paid to the payee of record' }).expect(200);
    expect(released.body).toMatchObject({ decision: 'release', status: 'recorded', totalMinor: 1800 });
    const next = await draft('JP-2025-06').expect(201);
    expect(paid(next.body)).toEqual([[`party-${id('R')}`, 1800]]);
    expect(next.body.heldMinor).toBe(1200); // S, suspended: held until reinstated

    // The forfeits are no commission lines: closing the period they are booked in leaves them.
    clock().set('2025-08-02T00:00:00Z');
    const julyClose = await close('JP-2025-07');
    expect(julyClose.body.lastClose).toMatchObject({ adjustmentsWritten: 0 });
    expect((await entriesOf([forfeited.body.decisionId, xDone.body.decisionId])).map((e) => e.amountMinor).sort()).toEqual([-2500, -900]);
  }, 180_000);
});
