import { Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { commissionLineId } from '../src/compute/line-id';
import type { LedgerEntryState } from '../src/ledger/ledger-entry.schema';
import { defaultPlan } from '../src/plan/plan';
import { capturedEvents, memberRegistered, orderCompleted, orderPaid, orderPlaced, produceNetwork, produceOrders, TestMember, TestOrder } from './support';

/*
 * Issue 15's "Done when" items the other e2e files leave without exact
 * amounts: the consumer-volume share rule at its boundary, with the market's
 * share raised by configuration (AU: 60 %, COMMISSION_MIN_RETAIL_SHARE_BPS)
 * and the linter refusing a plan that asks less, citing its source; and a
 * close repeated over the same inputs giving the same ledger, entry for entry.
 * (The rest of the list, each with its amounts: ledger.e2e — retail margin,
 * overrides, compression past a consumer and an inactive operator, 49.99
 * points, rank-limited depth, redelivery, repeated close, sponsor change;
 * cap.e2e — the cap with a high-rate plan; payouts.e2e — partial then full
 * refund, clawback after payout carried forward, transfer; plans.e2e — each
 * profile refusing a plan that breaks it.)
 *
 * The AU default plan (point value 100: base = BV; overrides 10/5/3/2/2 %;
 * PV ≥ 50 points; ≥ 60 % of GV from retail orders):
 *
 *   P (operator)  sells retail 600.00 pts (margin 100.00)             GV 1,000.00, retail 84 % → Bronze
 *   ├─ Q (operator) buys 40.00 pts for itself, sells retail 60.00     GV 100.00, retail exactly 60.00 % → Operator
 *   └─ R (operator) buys 120.03 pts for itself, sells retail 79.97    GV 300.00 with S's, retail 179.97 = 59.99 % → not qualified
 *      └─ S (operator) sells retail 100.00 pts                        → Operator
 *
 * Every margin but P's is 20.00. Overrides at the close: P level 1 on Q's
 * purchase 4.00 and sale 6.00, on R's purchase 12.003 → 12.00 and sale
 * 7.997 → 7.99; S's sale skips R (share) and pays P level 1 10.00 (the estimate
 * had paid R, counted an Operator with no closed period yet, and P nothing
 * at level 2: the close adjusts both).
 */

const DB = `test_commission_done_when_${uniqueId()}`;
const MARKET = 'AU';
/** Waits on what the service consumes from Kafka: generous, as the shared machine may be loaded by other work. */
const settle = <T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false) => waitFor<T>(what, probe, { timeoutMs: 60_000 });
const PERIOD = 'AU-2025-01';
const PAID_AT = '2025-01-12T10:00:00.000Z';

describe('commission: done-when — the consumer share at its boundary, raised for the market; a repeated close', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: CapturedMessage[];
  const p = uniqueId('w').toLowerCase();
  const id = (x: string) => `${p}-${x}`;
  const http = () => request(svc.app.getHttpServer());
  const auth = (role: 'ops' | 'finance' | 'member', subject?: string) => `Bearer ${svc.token(role, subject)}`;
  const entries = () => mongo.db(DB).collection<LedgerEntryState>('commission_entries').find({}, { projection: { outbox: 0 } }).toArray();
  const lineOf = (order: string, beneficiary: string, rule: 'retail-margin' | 'unilevel-override') => commissionLineId(id(order), `${id(order)}-1`, id(beneficiary), rule);
  const net = (list: LedgerEntryState[], order: string, beneficiary: string, rule: 'retail-margin' | 'unilevel-override') =>
    list.filter((e) => e.lineId === lineOf(order, beneficiary, rule)).reduce((s, e) => s + e.amountMinor, 0);

  const members: TestMember[] = [
    { id: id('P'), kind: 'operator', upline: [] },
    { id: id('Q'), kind: 'operator', upline: [id('P')] },
    { id: id('R'), kind: 'operator', upline: [id('P')] },
    { id: id('S'), kind: 'operator', upline: [id('R'), id('P')] },
  ];
  const sale = (o: string, seller: string, bv: number, unitPrice: number, memberUnitPrice: number): TestOrder => ({
    orderId: id(o),
    buyerId: id(`guest-${o}`),
    buyerKind: 'guest',
    sellerId: id(seller),
    market: MARKET,
    lines: [{ priceKind: 'retail', bvPerUnit: bv, unitPrice, memberUnitPrice }],
  });
  const own = (o: string, buyer: string, bv: number): TestOrder => ({
    orderId: id(o),
    buyerId: id(buyer),
    buyerKind: 'operator',
    sellerId: null,
    market: MARKET,
    lines: [{ priceKind: 'member', bvPerUnit: bv, unitPrice: 4000, memberUnitPrice: 4000 }],
  });
  const orders: TestOrder[] = [
    sale('p1', 'P', 60000, 60000, 50000),
    own('q1', 'Q', 4000),
    sale('q2', 'Q', 6000, 8000, 6000),
    own('r1', 'R', 12003),
    sale('r2', 'R', 7997, 8000, 6000),
    sale('s1', 'S', 10000, 10000, 8000),
  ];

  beforeAll(async () => {
    svc = await startTestService(AppModule, {
      MONGO_DB: DB,
      KAFKA_GROUP_ID: `test-commission-done-when-${uniqueId()}`,
      CONSUMER_DEFER_RETRY_BASE_MS: '100',
      CONSUMER_DEFER_POLL_MS: '100',
      COMMISSION_MIN_RETAIL_SHARE_BPS: 'AU=6000',
    });
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    captured = await kafka.capture([Topics.commissionRanks.name]);
    await produceNetwork(kafka, members.map((m) => memberRegistered(m, MARKET)));
    await settle('the members', async () => (await mongo.db(DB).collection('network_members').countDocuments({ _id: { $in: members.map((m) => m.id) as never[] } })) === members.length);
  }, 180_000);

  afterAll(async () => {
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  it("the market's raised consumer share binds the linter (citing its source) and the default plan; never lowered", async () => {
    const { version: _v, firstPeriodId: _f, createdBy: _b, createdAt: _a, ...definition } = defaultPlan(MARKET, 'us-ftc');
    const asking = (minRetailShareBps: number) => ({ ...definition, planId: uniqueId('plan-au-'), qualification: { minPv: 5000, minRetailShareBps } });

    const low = await http().post('/v1/plans/lint').set('Authorization', auth('ops')).send(asking(5000)).expect(200);
    expect(low.body).toMatchObject({ ok: false, profile: 'us-ftc' });
    expect(low.body.reasons).toEqual([
      { field: 'qualification.minRetailShareBps', rule: 'us-ftc/consumer-share', source: 'FTC-HERBALIFE §II; FTC-MLM', reason: expect.stringContaining('the profile asks at least 6000 bp') },
    ]);
    const refused = await http().put('/v1/plans').set('Authorization', auth('ops')).send(asking(5999)).expect(422);
    expect(refused.body.fields).toEqual([{ field: 'qualification.minRetailShareBps', reason: expect.stringMatching(/5999 bp.*6000 bp.*FTC-HERBALIFE/) }]);
    await http().post('/v1/plans/lint').set('Authorization', auth('ops')).send(asking(6000)).expect(200, { ok: true, profile: 'us-ftc', reasons: [] });
    await http().post('/v1/plans/lint').set('Authorization', auth('ops')).send(asking(7500)).expect(200, { ok: true, profile: 'us-ftc', reasons: [] }); // upwards: fine
    // Another market keeps its profile's 50 %.
    await http().post('/v1/plans/lint').set('Authorization', auth('ops')).send({ ...asking(5000), market: 'NZ' }).expect(200, { ok: true, profile: 'us-ftc', reasons: [] });

    const active = await http().get(`/v1/plans/active?period=${PERIOD}`).set('Authorization', auth('finance')).expect(200);
    expect(active.body).toMatchObject({ planId: 'default-au', version: 1, qualification: { minPv: 5000, minRetailShareBps: 6000 } });
  }, 60_000);

  it('closes the network to the minor unit: exactly 60 % qualifies, 59.99 % is compressed past; a redelivered payment adds nothing', async () => {
    await produceOrders(kafka, orders.flatMap((o) => [orderPlaced(o, '2025-01-11T10:00:00.000Z'), orderPaid(o.orderId, PAID_AT)]));
    const estimated = await settle('the estimates', async () => {
      const l = await entries();
      return orders.every((o) => l.some((e) => e.orderId === o.orderId)) && net(l, 's1', 'R', 'unilevel-override') === 1000 ? l : null;
    });
    expect(net(estimated, 's1', 'P', 'unilevel-override')).toBe(0); // level 2 in the estimate, P an Operator (no closed period): rank limit
    await produceOrders(kafka, [orderPaid(id('s1'), PAID_AT), orderPaid(id('p1'), PAID_AT), orderCompleted(id('s1'), '2025-01-20T00:00:00.000Z')]);
    await settle('s1 completed after the redeliveries', async () => (await mongo.db(DB).collection('commission_orders').findOne({ _id: id('s1') as never }))?.completedAt);
    expect((await entries()).map((e) => e._id).sort()).toEqual(estimated.map((e) => e._id).sort()); // nothing from the redelivery

    const closed = await http().post(`/v1/periods/${PERIOD}/close`).set('Authorization', auth('ops')).expect(200);
    expect(closed.body.lastClose).toMatchObject({ run: 1, planId: 'default-au', baseMinor: 100000, totalPayoutMinor: 19999, adjustmentsWritten: 2 });
    const list = await entries();
    const expected: [string, string, 'retail-margin' | 'unilevel-override', number][] = [
      ['p1', 'P', 'retail-margin', 10000],
      ['q1', 'P', 'unilevel-override', 400], // Q's own purchase at member price: no margin
      ['q2', 'Q', 'retail-margin', 2000],
      ['q2', 'P', 'unilevel-override', 600],
      ['r1', 'P', 'unilevel-override', 1200], // 120.03 points × 10 % = 12.003 → 12.00
      ['r2', 'R', 'retail-margin', 2000], // the margin has no qualification
      ['r2', 'P', 'unilevel-override', 799], // 79.97 × 10 % = 7.997 → 7.99
      ['s1', 'S', 'retail-margin', 2000],
      ['s1', 'R', 'unilevel-override', 0], // 59.99 % of GV from retail, below 60 %: skipped
      ['s1', 'P', 'unilevel-override', 1000], // level 1 after compression
    ];
    for (const [o, b, rule, amount] of expected) expect([o, b, rule, net(list, o, b, rule)]).toEqual([o, b, rule, amount]);
    expect(list.reduce((s, e) => s + e.amountMinor, 0)).toBe(19999);
    const sp = list.find((e) => e.kind === 'adjustment' && e.lineId === lineOf('s1', 'P', 'unilevel-override'))!;
    expect(sp).toMatchObject({ amountMinor: 1000, level: 1, skipped: [{ memberId: id('R'), reason: expect.stringMatching(/retail share of GV 59\.99\s?% below the required 60/) }] });
    expect(list.find((e) => e.kind === 'adjustment' && e.lineId === lineOf('s1', 'R', 'unilevel-override'))).toMatchObject({ amountMinor: -1000 });

    const ranks = await settle('RankAchieved for P, Q and S', () => {
      const r = capturedEvents(captured, Topics.commissionRanks.name, 'RankAchieved').filter((e) => e.data.memberId.startsWith(p));
      return r.length >= 3 ? r : null;
    });
    expect(Object.fromEntries(ranks.map((e) => [e.data.memberId, e.data.rank]))).toEqual({ [id('P')]: 'bronze', [id('Q')]: 'operator', [id('S')]: 'operator' });
  }, 180_000);

  it('a repeated close over the same inputs gives the same ledger, entry for entry', async () => {
    const snapshot = (l: LedgerEntryState[]) => l.map(({ _id, lineId, kind, amountMinor, breakageMinor, level }) => ({ _id, lineId, kind, amountMinor, breakageMinor, level })).sort((a, b) => (a._id < b._id ? -1 : 1));
    const before = snapshot(await entries());
    for (const run of [2, 3]) {
      const again = await http().post(`/v1/periods/${PERIOD}/close`).set('Authorization', auth('finance')).expect(200);
      expect(again.body.lastClose).toMatchObject({ run, totalPayoutMinor: 19999, adjustmentsWritten: 0, standingsWritten: 0 });
    }
    expect(snapshot(await entries())).toEqual(before);
  }, 180_000);
});
