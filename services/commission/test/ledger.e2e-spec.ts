import { Topics } from '@netdirect/contracts';
import { CapturedMessage, KafkaTestClient, startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { commissionLineId } from '../src/compute/line-id';
import type { LedgerEntryState } from '../src/ledger/ledger-entry.schema';
import { capturedEvents, memberRegistered, memberSuspended, orderCompleted, orderPaid, orderPlaced, produceNetwork, produceOrders, sponsorChanged, TestMember, TestOrder } from './support';

/*
 * The ledger against the real Kafka and database (the test acts as the
 * network and orders services): a small hand-computed network is accrued on
 * payment and closed; every final amount is asserted to the minor unit; a
 * redelivered payment adds nothing; a repeated close writes nothing; a
 * sponsor change after accrual does not move accrued lines.
 *
 * The network (default us-ftc plan: point value 100, so base = BV; overrides
 * 10/5/3/2/2 %; PV ≥ 50 points; retail share ≥ 50 %):
 *
 *   A (operator)                      sells retail 500.00 pts            → Bronze (levels 1–2)
 *   ├─ I (operator)                   buys for itself 60.00 pts          → retail share 0 %: not qualified
 *   └─ B (operator)                   sells retail 60.00 pts             → Operator (level 1)
 *      └─ C (consumer)
 *         └─ D (operator)             buys for itself exactly 50.00 pts  → Operator
 *            ├─ E (operator, suspended) sells retail 90.00 pts           → inactive: compressed past
 *            │  └─ F (operator)       sells retail 100.00 pts            → Operator
 *            └─ H (operator)          sells retail 49.99 pts             → not qualified (PV)
 */

const DB = `test_commission_ledger_${uniqueId()}`;
// A market no other test file uses: every test's service consumes every order event on the shared topic,
// so another file's orders in the same market and month would land in this period's close.
const MARKET = 'CA';
const PERIOD = 'CA-2025-01';
const PAID_AT = '2025-01-10T10:00:00.000Z';

describe('commission: accrual and period close', () => {
  const kafka = new KafkaTestClient();
  let svc: TestService;
  let mongo: MongoClient;
  let captured: CapturedMessage[];
  const p = uniqueId('n').toLowerCase();
  const id = (x: string) => `${p}-${x}`;
  const http = () => request(svc.app.getHttpServer());
  const auth = (role: 'ops' | 'finance' | 'member', subject?: string) => `Bearer ${svc.token(role, subject)}`;
  const entries = () => mongo.db(DB).collection<LedgerEntryState>('commission_entries').find({}, { projection: { outbox: 0 } }).toArray();
  const order = (orderId: string) => mongo.db(DB).collection('commission_orders').findOne({ _id: orderId as never });
  const events = (topic: string, type: string) => capturedEvents(captured, topic, type);
  /** Net of every entry of a line (what the line pays now). */
  const net = (list: LedgerEntryState[], orderId: string, beneficiary: string, rule: 'retail-margin' | 'unilevel-override') => {
    const lineId = commissionLineId(id(orderId), `${id(orderId)}-1`, id(beneficiary), rule);
    return list.filter((e) => e.lineId === lineId).reduce((s, e) => s + e.amountMinor, 0);
  };

  const members: TestMember[] = [
    { id: id('A'), kind: 'operator', upline: [] },
    { id: id('I'), kind: 'operator', upline: [id('A')] },
    { id: id('B'), kind: 'operator', upline: [id('A')] },
    { id: id('C'), kind: 'consumer', upline: [id('B'), id('A')] },
    { id: id('D'), kind: 'operator', upline: [id('C'), id('B'), id('A')] },
    { id: id('E'), kind: 'operator', upline: [id('D'), id('C'), id('B'), id('A')] },
    { id: id('F'), kind: 'operator', upline: [id('E'), id('D'), id('C'), id('B'), id('A')] },
    { id: id('H'), kind: 'operator', upline: [id('D'), id('C'), id('B'), id('A')] },
  ];
  const guest = (o: string) => ({ buyerId: id(`guest-${o}`), buyerKind: 'guest' as const });
  const retail = (bv: number, unitPrice: number, memberUnitPrice: number, quantity = 1) => [{ priceKind: 'retail' as const, bvPerUnit: bv / quantity, unitPrice, memberUnitPrice, quantity }];
  const self = (bv: number) => [{ priceKind: 'member' as const, bvPerUnit: bv, unitPrice: 4000, memberUnitPrice: 4000 }];
  const orders: TestOrder[] = [
    { orderId: id('o1'), ...guest('o1'), sellerId: id('F'), market: MARKET, lines: retail(10000, 6000, 4500, 2) },
    { orderId: id('o2'), buyerId: id('D'), buyerKind: 'operator', sellerId: null, market: MARKET, lines: self(5000) },
    { orderId: id('o3'), buyerId: id('C'), buyerKind: 'consumer', sellerId: id('B'), market: MARKET, lines: retail(6000, 8000, 6000) },
    { orderId: id('o4'), ...guest('o4'), sellerId: id('A'), market: MARKET, lines: retail(50000, 50000, 40000) },
    { orderId: id('o5'), ...guest('o5'), sellerId: id('E'), market: MARKET, lines: retail(9000, 9000, 7000) },
    { orderId: id('o6'), ...guest('o6'), sellerId: id('H'), market: MARKET, lines: retail(4999, 5000, 5000) },
    { orderId: id('o7'), buyerId: id('I'), buyerKind: 'operator', sellerId: null, market: MARKET, lines: self(6000) },
  ];

  beforeAll(async () => {
    svc = await startTestService(AppModule, { MONGO_DB: DB, KAFKA_GROUP_ID: `test-commission-ledger-${uniqueId()}`, CONSUMER_DEFER_RETRY_BASE_MS: '100', CONSUMER_DEFER_POLL_MS: '100' });
    mongo = await MongoClient.connect(TEST_MONGO_URL);
    captured = await kafka.capture([Topics.commissionLedger.name, Topics.commissionRanks.name, Topics.commissionPeriods.name]);
    await produceNetwork(kafka, [...members.map((m) => memberRegistered(m, MARKET)), memberSuspended(id('E'))]);
    await waitFor('E suspended in the read model', async () => (await mongo.db(DB).collection('network_members').findOne({ _id: id('E') as never }))?.status === 'suspended');
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await mongo?.close();
    await kafka.close();
  });

  it('accrues estimates on payment at once (CommissionAccrued), with the line id of (order, order line, beneficiary, rule)', async () => {
    await produceOrders(kafka, orders.flatMap((o) => [orderPlaced(o, '2025-01-09T10:00:00.000Z'), orderPaid(o.orderId, PAID_AT)]));
    const list = await waitFor('the estimates of every order', async () => {
      const l = await entries();
      const done = orders.every((o) => l.some((e) => e.orderId === o.orderId)) && net(l, 'o1', 'D', 'unilevel-override') === 1000 && net(l, 'o5', 'D', 'unilevel-override') === 900;
      return done ? l : null;
    });
    expect(list.every((e) => e.kind === 'estimate' && e._id === e.lineId)).toBe(true);
    // Estimates use the last closed period's standings; there is none, so every active operator counts as an Operator (level 1).
    expect(net(list, 'o1', 'F', 'retail-margin')).toBe(3000);
    expect(net(list, 'o1', 'D', 'unilevel-override')).toBe(1000);
    expect(net(list, 'o2', 'A', 'unilevel-override')).toBe(0); // level 2 needs Bronze: breakage in the estimate
    const o1d = list.find((e) => e.lineId === commissionLineId(id('o1'), `${id('o1')}-1`, id('D'), 'unilevel-override'))!;
    expect(o1d).toMatchObject({ level: 1, bv: 10000, baseMinor: 10000, rateBps: 1000, periodId: PERIOD, payeePartyId: `party-${id('D')}` });
    expect(o1d.skipped).toEqual([{ memberId: id('E'), reason: expect.stringContaining('not active') }]);

    const accrued = await waitFor('CommissionAccrued for o1/D', () => events(Topics.commissionLedger.name, 'CommissionAccrued').find((e) => e.data.lineId === o1d.lineId));
    expect(accrued.data).toMatchObject({ beneficiaryId: id('D'), orderId: id('o1'), orderLineId: `${id('o1')}-1`, entryKind: 'estimate', amount: { amount: 1000, currency: 'USD' }, level: 1, rateBps: 1000 });
    expect(accrued.data.explanation).toMatch(/level 1/);

    const statement = await http().get(`/v1/members/${id('D')}/commissions?period=${PERIOD}`).set('Authorization', auth('member', id('D'))).expect(200);
    expect(statement.body).toMatchObject({ memberId: id('D'), periodId: PERIOD, estimatedMinor: 1000 + 900 + 499, finalMinor: 0 });
    await http().get(`/v1/members/${id('D')}/commissions`).set('Authorization', auth('member', id('B'))).expect(403);
  }, 60_000);

  it('a redelivered or replayed OrderPaid adds nothing', async () => {
    const before = await entries();
    const again = orderPaid(id('o1'), PAID_AT);
    await produceOrders(kafka, [again, again, orderPaid(id('o1'), PAID_AT), orderCompleted(id('o1'), '2025-01-25T00:00:00.000Z')]);
    await waitFor('o1 completed after the redeliveries', async () => (await order(id('o1')))?.completedAt);
    const after = await entries();
    expect(after.length).toBe(before.length);
    expect(after.reduce((s, e) => s + e.amountMinor, 0)).toBe(before.reduce((s, e) => s + e.amountMinor, 0));
  }, 30_000);

  it('the close pays every line to the minor unit, with compression, rank limits, the 49.99-point and consumer-share rules', async () => {
    const closed = await http().post(`/v1/periods/${PERIOD}/close`).set('Authorization', auth('ops')).expect(200);
    expect(closed.body).toMatchObject({ periodId: PERIOD, status: 'closed', lastClose: { run: 1, totalPayoutMinor: 21349, breakageMinor: expect.any(Number), adjustmentsWritten: 1 } });
    const list = await entries();
    const expected: [string, string, 'retail-margin' | 'unilevel-override', number][] = [
      ['o1', 'F', 'retail-margin', 3000], // 2 × (60.00 − 45.00)
      ['o1', 'D', 'unilevel-override', 1000], // E suspended: compressed past
      ['o1', 'B', 'unilevel-override', 0], // level 2, B is an Operator (level 1 only): breakage
      ['o1', 'A', 'unilevel-override', 0], // level 3, A is Bronze (levels 1–2): breakage
      ['o2', 'B', 'unilevel-override', 500], // D's own purchase at member price: no margin; C (consumer) skipped
      ['o2', 'A', 'unilevel-override', 250], // final rank Bronze pays level 2: the close adjusts the estimate
      ['o3', 'B', 'retail-margin', 2000],
      ['o3', 'A', 'unilevel-override', 600],
      ['o4', 'A', 'retail-margin', 10000],
      ['o5', 'E', 'retail-margin', 2000], // the retail margin has no activity condition
      ['o5', 'D', 'unilevel-override', 900],
      ['o6', 'H', 'retail-margin', 0], // unit price = member price: no margin
      ['o6', 'D', 'unilevel-override', 499], // 49.99 points × 10 % = 4.999 → 4.99
      ['o7', 'A', 'unilevel-override', 600], // I (not qualified: no retail) is the anchor of its own order
    ];
    for (const [o, b, rule, amount] of expected) expect([o, b, rule, net(list, o, b, rule)]).toEqual([o, b, rule, amount]);
    expect(list.filter((e) => e.periodId === PERIOD).reduce((s, e) => s + e.amountMinor, 0)).toBe(21349);
    const adjustment = list.find((e) => e.kind === 'adjustment')!;
    expect(adjustment).toMatchObject({ beneficiaryId: id('A'), level: 2, amountMinor: 250, orderId: id('o2') });

    const ranks = await waitFor('RankAchieved for A, B, D and F', () => {
      const r = events(Topics.commissionRanks.name, 'RankAchieved').filter((e) => e.data.memberId.startsWith(p));
      return r.length >= 4 ? r : null;
    });
    expect(Object.fromEntries(ranks.map((e) => [e.data.memberId, e.data.rank]))).toEqual({ [id('A')]: 'bronze', [id('B')]: 'operator', [id('D')]: 'operator', [id('F')]: 'operator' });
    const closedEvent = await waitFor('CommissionPeriodClosed', () => events(Topics.commissionPeriods.name, 'CommissionPeriodClosed').find((e) => e.data.periodId === PERIOD));
    expect(closedEvent.data).toMatchObject({ market: MARKET, totalPayout: { amount: 21349, currency: 'USD' }, totalBv: 90999, startsAt: '2025-01-01T00:00:00.000Z', endsAt: '2025-02-01T00:00:00.000Z' });

    const statement = await http().get(`/v1/members/${id('A')}/commissions?period=${PERIOD}`).set('Authorization', auth('finance')).expect(200);
    expect(statement.body).toMatchObject({ estimatedMinor: 0, finalMinor: 250 + 600 + 10000 + 600 });
    const explained = await http().get(`/v1/commission-lines/${adjustment.lineId}/explain`).set('Authorization', auth('member', id('A'))).expect(200);
    expect(explained.body).toMatchObject({ beneficiaryId: id('A'), rule: 'unilevel-override', level: 2, rateBps: 500, bv: 5000, baseMinor: 5000, netMinor: 250, planVersion: 1 });
    expect(explained.body.text).toMatch(/Close of CA-2025-01/);
    const o1d = commissionLineId(id('o1'), `${id('o1')}-1`, id('D'), 'unilevel-override');
    const compressed = await http().get(`/v1/commission-lines/${o1d}/explain`).set('Authorization', auth('ops')).expect(200);
    expect(compressed.body).toMatchObject({ netMinor: 1000, skipped: [{ memberId: id('E'), reason: expect.stringContaining('not active') }] });
    expect(compressed.body.text).toMatch(/10% of it/);
    await http().get(`/v1/commission-lines/${adjustment.lineId}/explain`).set('Authorization', auth('member', id('B'))).expect(403);
  }, 60_000);

  it('a repeated close with the same inputs writes nothing; a locked period closes no more', async () => {
    const before = await entries();
    const again = await http().post(`/v1/periods/${PERIOD}/close`).set('Authorization', auth('finance')).expect(200);
    expect(again.body.lastClose).toMatchObject({ run: 2, adjustmentsWritten: 0, standingsWritten: 0, totalPayoutMinor: 21349 });
    expect((await entries()).length).toBe(before.length);
    await http().post(`/v1/periods/${PERIOD}/lock`).set('Authorization', auth('ops')).expect(200);
    const refused = await http().post(`/v1/periods/${PERIOD}/close`).set('Authorization', auth('ops')).expect(422);
    expect(refused.body.message).toMatch(/locked/);
    await http().post(`/v1/periods/CA-2099-01/close`).set('Authorization', auth('ops')).expect(422);
    await http().post(`/v1/periods/nonsense/close`).set('Authorization', auth('ops')).expect(400);
    await http().post(`/v1/periods/${PERIOD}/close`).set('Authorization', auth('member', id('A'))).expect(403);
  }, 60_000);

  it('a sponsor change after accrual does not move accrued lines', async () => {
    // X (root, Bronze with 500 points) → Y → Z; W is a qualified root elsewhere. Z's sale is paid, then Z moves under W.
    const [X, Y, Z, W] = ['X', 'Y', 'Z', 'W'].map(id);
    await produceNetwork(kafka, [
      memberRegistered({ id: X, kind: 'operator', upline: [] }, MARKET),
      memberRegistered({ id: Y, kind: 'operator', upline: [X] }, MARKET),
      memberRegistered({ id: Z, kind: 'operator', upline: [Y, X] }, MARKET),
      memberRegistered({ id: W, kind: 'operator', upline: [] }, MARKET),
    ]);
    const feb = '2025-02-10T10:00:00.000Z';
    const sales: TestOrder[] = [
      { orderId: id('x1'), ...guest('x1'), sellerId: X, market: MARKET, lines: retail(50000, 1000, 1000) },
      { orderId: id('y1'), ...guest('y1'), sellerId: Y, market: MARKET, lines: retail(5000, 1000, 1000) },
      { orderId: id('w1'), ...guest('w1'), sellerId: W, market: MARKET, lines: retail(5000, 1000, 1000) },
      { orderId: id('z1'), ...guest('z1'), sellerId: Z, market: MARKET, lines: retail(10000, 1000, 1000) },
    ];
    await produceOrders(kafka, sales.flatMap((o) => [orderPlaced(o, feb), orderPaid(o.orderId, feb)]));
    await waitFor('z1 accrued', async () => (await order(id('z1')))?.accrual);
    expect((await order(id('z1')))!.accrual).toMatchObject({ anchorId: Z, upline: [Y, X] });
    await produceNetwork(kafka, [sponsorChanged(Z, Y, [W], '2025-02-15T00:00:00.000Z')]);
    await waitFor('Z moved under W', async () => (await mongo.db(DB).collection('network_members').findOne({ _id: Z as never }))?.sponsorId === W);

    await http().post('/v1/periods/CA-2025-02/close').set('Authorization', auth('ops')).expect(200);
    const list = (await entries()).filter((e) => e.orderId === id('z1'));
    const paid = Object.fromEntries(
      [...new Set(list.map((e) => e.lineId))].map((lineId) => {
        const of = list.filter((e) => e.lineId === lineId);
        return [`${of[0].beneficiaryId}/${of[0].level}`, of.reduce((s, e) => s + e.amountMinor, 0)];
      }),
    );
    // Y level 1: 10 % of 100.00 points; X (Bronze) level 2: 5 %. W, Z's sponsor now, earns nothing on it.
    expect(paid).toMatchObject({ [`${Y}/1`]: 1000, [`${X}/2`]: 500 });
    expect(list.some((e) => e.beneficiaryId === W)).toBe(false);
  }, 60_000);
});
