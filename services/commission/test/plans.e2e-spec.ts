import { Module } from '@nestjs/common';
import { Topics } from '@netdirect/contracts';
import { RuntimeModule } from '@netdirect/runtime';
import { CapturedMessage, KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '@netdirect/runtime/testing';
import request from 'supertest';
import { COMMISSION_SERVICE } from '../src/commission.definition';
import { periodIdOf } from '../src/compute/period-id';
import { defaultPlan } from '../src/plan/plan';
import { PlanModule } from '../src/plan/plan.module';

/** The plan routes on their own (the ledger is tested in its own files). */
@Module({ imports: [RuntimeModule.forService(COMMISSION_SERVICE), PlanModule] })
class PlansTestModule {}

type Json = Record<string, any>;

/** A plan as a request body: the default of a market, under a fresh id, with changes. */
function planBody(market: string, profile: 'us-ftc' | 'eu' | 'cn', changes: Json = {}): Json {
  const { version: _v, firstPeriodId: _f, createdBy: _b, createdAt: _a, ...definition } = defaultPlan(market, profile);
  return { ...definition, planId: uniqueId('plan-'), name: `Test plan ${market}`, ...changes };
}

const nextPeriod = (market: string) => {
  const now = new Date();
  return periodIdOf(market, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
};

describe('commission plan routes (real Kafka and the MongoDB-wire database)', () => {
  let svc: TestService;
  const kafka = new KafkaTestClient();
  let captured: CapturedMessage[];

  beforeAll(async () => {
    captured = await kafka.capture([Topics.commissionPlans.name]);
    svc = await startTestService(PlansTestModule);
  });

  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops', 'ops-anna')}` });
  const finance = () => ({ Authorization: `Bearer ${svc.token('finance', 'fin-bert')}` });
  const member = () => ({ Authorization: `Bearer ${svc.token('member', 'm-1')}` });
  const put = (body: Json, auth = ops()) => request(svc.url).put('/v1/plans').set(auth).send(body);

  it('lints without storing, listing every reason with its rule and source', async () => {
    const ok = await request(svc.url).post('/v1/plans/lint').set(finance()).send(planBody('US', 'us-ftc'));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, profile: 'us-ftc', reasons: [] });

    const body = planBody('US', 'us-ftc', { rewardSources: ['product-sale', 'registration'], qualification: { minPv: 5000, minRetailShareBps: 0 } });
    const bad = await request(svc.url).post('/v1/plans/lint').set(ops()).send(body);
    expect(bad.status).toBe(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.reasons.map((r: Json) => [r.field, r.rule, r.source])).toEqual([
      ['rewardSources', 'us-ftc/product-sales-only', 'FTC-MLM; FTC-HERBALIFE §I'],
      ['qualification.minRetailShareBps', 'us-ftc/consumer-share', 'FTC-HERBALIFE §II; FTC-MLM'],
    ]);
    const list = await request(svc.url).get('/v1/plans').query({ market: 'US' }).set(ops());
    expect(list.body.filter((p: Json) => p.planId === body.planId)).toEqual([]);
  });

  it.each([
    ['us-ftc', 'US', { qualification: { minPv: 5000, minRetailShareBps: 4999 } }, 'qualification.minRetailShareBps', 'us-ftc/consumer-share'],
    ['eu', 'DE', { payout: { frequency: 'monthly', withdrawalDays: 7, returnDays: 0 } }, 'payout.withdrawalDays', 'eu/withdrawal-period'],
    ['cn', 'CN', { overrideRatesBps: [500] }, 'overrideRatesBps', 'cn/own-sales-only'],
  ] as const)('the %s profile refuses a plan that breaks it (422 naming the field and the rule), storing nothing', async (profile, market, changes, field, ruleId) => {
    const body = planBody(market, profile, changes);
    const res = await put(body);
    expect(res.status).toBe(422);
    expect(res.body.fields).toHaveLength(1);
    expect(res.body.fields[0].field).toBe(field);
    expect(res.body.fields[0].reason).toContain(ruleId);
    const list = await request(svc.url).get('/v1/plans').query({ market }).set(ops());
    expect(list.body.filter((p: Json) => p.planId === body.planId)).toEqual([]);
  });

  it('stores versions, answers a repeated PUT with the same version, and activates one from a first period with CompensationPlanActivated', async () => {
    const body = planBody('DE', 'eu', { overrideRatesBps: [1200, 600] });
    const first = await put(body, finance());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ planId: body.planId, version: 1, firstPeriodId: null, createdBy: 'fin-bert', overrideRatesBps: [1200, 600] });
    expect((await put(body)).body.version).toBe(1);
    const second = await put({ ...body, payoutCapBps: 2000 });
    expect(second.body).toMatchObject({ version: 2, payoutCapBps: 2000 });

    const period = nextPeriod('DE');
    const before = await request(svc.url).get('/v1/plans/active').query({ period }).set(ops());
    expect(before.body).toMatchObject({ planId: 'default-de', version: 1, complianceProfileId: 'eu' });

    const activated = await request(svc.url).post(`/v1/plans/${body.planId}/versions/2/activate`).set(ops()).send({ firstPeriodId: period });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ version: 2, firstPeriodId: period, activatedBy: 'ops-anna' });
    const again = await request(svc.url).post(`/v1/plans/${body.planId}/versions/2/activate`).set(ops()).send({ firstPeriodId: period });
    expect(again.status).toBe(200);

    const [event] = await waitFor('CompensationPlanActivated', () => {
      const found = captured.filter((m) => m.key === body.planId).map((m) => JSON.parse(m.value!));
      return found.length ? found : undefined;
    });
    expect(event.type).toBe('CompensationPlanActivated');
    expect(event.data).toMatchObject({
      planId: body.planId,
      planVersion: 2,
      market: 'DE',
      complianceProfileId: 'eu',
      payoutCapBps: 2000,
      maxDepth: 2,
      firstPeriodId: period,
      effectiveFrom: `${period.slice(3)}-01T00:00:00.000Z`,
      overrideRatesBps: [1200, 600],
      activatedBy: 'ops-anna',
    });

    const active = await request(svc.url).get('/v1/plans/active').query({ period }).set(finance());
    expect(active.body).toMatchObject({ planId: body.planId, version: 2 });
    const current = await request(svc.url).get('/v1/plans/active').query({ period: periodIdOf('DE', new Date()) }).set(finance());
    expect(current.body.planId).toBe('default-de');
    const one = await request(svc.url).get(`/v1/plans/${body.planId}/versions/1`).set(finance());
    expect(one.body).toMatchObject({ version: 1, firstPeriodId: null });
  });

  it('refuses an activation twice, for a past period or another market, and a member; 404 for an unknown version', async () => {
    const body = planBody('US', 'us-ftc');
    await put(body);
    const activate = (firstPeriodId: string, auth = ops(), version = 1) =>
      request(svc.url).post(`/v1/plans/${body.planId}/versions/${version}/activate`).set(auth).send({ firstPeriodId });
    expect((await activate('US-2020-01')).status).toBe(422);
    const wrongMarket = await activate(nextPeriod('DE'));
    expect(wrongMarket.status).toBe(422);
    expect(wrongMarket.body.fields[0].field).toBe('firstPeriodId');
    expect((await activate(nextPeriod('US'), member())).status).toBe(403);
    expect((await activate(nextPeriod('US'), ops(), 9)).status).toBe(404);
    expect((await activate(nextPeriod('US'))).status).toBe(200);
    const twice = await activate(periodIdOf('US', new Date(Date.UTC(2099, 0, 1))));
    expect(twice.status).toBe(422);
    expect(twice.body.message).toContain('already active');
  });

  it('simulates a candidate over a past period beside the active plan, writing nothing, and refuses a candidate the linter refuses', async () => {
    const period = periodIdOf('US', new Date(Date.UTC(2026, 0, 15)));
    const candidate = planBody('US', 'us-ftc', { overrideRatesBps: [2000] });
    const res = await request(svc.url).post('/v1/plans/simulate').set(finance()).send({ periodId: period, plan: candidate });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ periodId: period, baseMinor: 0, differenceMinor: 0 });
    expect(res.body.active).toMatchObject({ planId: 'default-us', planVersion: 1, totalPayoutMinor: 0, payoutShareOfBaseBps: 0 });
    expect(res.body.candidate).toMatchObject({ planId: candidate.planId, planVersion: 0, totalPayoutMinor: 0 });
    expect(res.body.candidate.byRank.map((r: Json) => r.rank)).toEqual(['operator', 'bronze', 'silver', 'gold', 'none']);
    const list = await request(svc.url).get('/v1/plans').set(ops());
    expect(list.body.filter((p: Json) => p.planId === candidate.planId)).toEqual([]);

    const refused = await request(svc.url)
      .post('/v1/plans/simulate')
      .set(ops())
      .send({ periodId: 'DE-2026-01', plan: planBody('US', 'us-ftc', { rewardSources: ['product-sale', 'upgrade'] }) });
    expect(refused.status).toBe(422);
    expect(refused.body.fields.map((f: Json) => f.field)).toEqual(['plan.market', 'plan.rewardSources']);
  });

  it('answers 400 naming the field for a malformed plan, and 403 to a member', async () => {
    const res = await put(planBody('US', 'us-ftc', { overrideRatesBps: [1000, 'x'], market: 'usa' }));
    expect(res.status).toBe(400);
    expect([...new Set(res.body.fields.map((f: Json) => f.field))].sort()).toEqual(['market', 'overrideRatesBps']);
    const { payout: _payout, ...noPayout } = planBody('US', 'us-ftc');
    const missing = await request(svc.url).post('/v1/plans/lint').set(ops()).send(noPayout);
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: Json) => f.field)).toEqual(['payout']);
    expect((await request(svc.url).post('/v1/plans/simulate').set(ops()).send({ periodId: 'US-2026-01' })).status).toBe(400);
    expect((await put(planBody('US', 'us-ftc'), member())).status).toBe(403);
    expect((await request(svc.url).get('/v1/plans').set(member())).status).toBe(403);
  });
});
