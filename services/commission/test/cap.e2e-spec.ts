import { CLOCK, TestClock } from '@netdirect/runtime';
import { KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import type { LedgerEntryState } from '../src/ledger/ledger-entry.schema';
import { defaultPlan } from '../src/plan/plan';
import { memberRegistered, orderPaid, orderPlaced, produceNetwork, produceOrders, TestOrder } from './support';

/*
 * The payout cap at the close, with a stored and activated plan whose
 * override rates (50 %, 30 %) exceed it (25 % of the period's base):
 *
 *   R (operator, sells 50.00 points)      GV 200.00 → Operator (level 1 only)
 *   └─ S (operator, sells 50.00 points)
 *      └─ T (operator, sells 100.00 points)
 *
 * Base 200.00 points = 20000 minor units, cap 5000. Overrides before the
 * cap: T's sale pays S level 1 50 % = 5000 (R level 2: rank limit,
 * breakage); S's sale pays R level 1 50 % = 2500. 7500 > 5000, so both are
 * scaled by the proportional allocation: 5000 × 5000/7500 = 3333.33 and
 * 5000 × 2500/7500 = 1666.67 → 3333 and 1667 (the larger remainder gets the
 * unit), adding up to the cap exactly.
 */

const DB = `test_commission_cap_${uniqueId()}`;

describe('commission: the payout cap at the close', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  const p = uniqueId('c').toLowerCase();
  const [R, S, T] = ['R', 'S', 'T'].map((x) => `${p}-${x}`);
  const ops = () => `Bearer ${svc.token('ops', 'ops-cap')}`;

  beforeAll(async () => {
    svc = await startTestService(AppModule, { MONGO_DB: DB, KAFKA_GROUP_ID: `test-commission-cap-${uniqueId()}`, CLOCK: 'test', CLOCK_START: '2025-01-02T00:00:00Z' });
    mongo = await MongoClient.connect(TEST_MONGO_URL);
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  it('scales every override line so they add up to the cap exactly; the rest is breakage', async () => {
    const { version: _v, firstPeriodId: _f, createdBy: _b, createdAt: _a, ...definition } = defaultPlan('US', 'us-ftc');
    const plan = { ...definition, planId: uniqueId('plan-high-'), name: 'High rates', overrideRatesBps: [5000, 3000] };
    const stored = await request(svc.url).put('/v1/plans').set('Authorization', ops()).send(plan).expect(200);
    await request(svc.url).post(`/v1/plans/${plan.planId}/versions/${stored.body.version}/activate`).set('Authorization', ops()).send({ firstPeriodId: 'US-2025-01' }).expect(200);

    await produceNetwork(kafka, [
      memberRegistered({ id: R, kind: 'operator', upline: [] }, 'US'),
      memberRegistered({ id: S, kind: 'operator', upline: [R] }, 'US'),
      memberRegistered({ id: T, kind: 'operator', upline: [S, R] }, 'US'),
    ]);
    // Only this file's members and orders: every test service consumes the shared topics, so other files' land here too.
    await waitFor('the members', async () => (await mongo.db(DB).collection('network_members').countDocuments({ _id: { $in: [R, S, T] as never[] } })) === 3);
    const sale = (orderId: string, sellerId: string, bv: number): TestOrder => ({ orderId, buyerId: `${orderId}-guest`, buyerKind: 'guest', sellerId, market: 'US', lines: [{ priceKind: 'retail', bvPerUnit: bv, unitPrice: 1000, memberUnitPrice: 1000 }] });
    const orders = [sale(`${p}-a-t`, T, 10000), sale(`${p}-b-s`, S, 5000), sale(`${p}-c-r`, R, 5000)];
    await produceOrders(kafka, orders.flatMap((o) => [orderPlaced(o, '2025-01-10T10:00:00.000Z'), orderPaid(o.orderId, '2025-01-10T10:00:00.000Z')]));
    await waitFor('the accruals', async () => (await mongo.db(DB).collection('commission_orders').countDocuments({ _id: { $in: orders.map((o) => o.orderId) as never[] }, accrual: { $exists: true } })) === 3);

    svc.app.get<TestClock>(CLOCK).set('2025-02-01T00:00:01Z');
    const closed = await request(svc.url).post('/v1/periods/US-2025-01/close').set('Authorization', ops()).expect(200);
    expect(closed.body.lastClose).toMatchObject({ planId: plan.planId, baseMinor: 20000, capMinor: 5000, totalPayoutMinor: 5000 });

    const entries = await mongo.db(DB).collection<LedgerEntryState>('commission_entries').find({}).toArray();
    const net = (beneficiaryId: string, orderId: string) => entries.filter((e) => e.beneficiaryId === beneficiaryId && e.orderId === orderId && e.rule === 'unilevel-override').reduce((s, e) => s + e.amountMinor, 0);
    expect(net(S, `${p}-a-t`)).toBe(3333);
    expect(net(R, `${p}-b-s`)).toBe(1667);
    expect(net(R, `${p}-a-t`)).toBe(0); // level 2: R is an Operator
    // Only this file's orders: another file's orders in the same market may land in this database while both run.
    expect(entries.filter((e) => e.rule === 'unilevel-override' && e.orderId.startsWith(p)).reduce((s, e) => s + e.amountMinor, 0)).toBe(5000);
    const capped = entries.filter((e) => e.kind === 'adjustment' && e.beneficiaryId === S).pop()!;
    expect(capped).toMatchObject({ planId: plan.planId, uncappedMinor: 5000, breakageMinor: 1667 });
    expect(capped.breakageReason).toMatch(/cap/);
  }, 90_000);
});
