import { COMPLIANCE_PROFILES, withMinRetailShare } from './compliance-profiles';
import { defaultPlan, PlanDefinition } from './plan';
import { lintPlan } from './plan-linter';

const rulesOf = (plan: PlanDefinition, profile = undefined as Parameters<typeof lintPlan>[1]) => lintPlan(plan, profile).map((r) => [r.field, r.rule]);

describe('lintPlan', () => {
  it('accepts the default plan of each profile', () => {
    expect(lintPlan(defaultPlan('US'))).toEqual([]);
    expect(lintPlan(defaultPlan('DE', 'eu'))).toEqual([]);
    expect(lintPlan(defaultPlan('CN', 'cn'))).toEqual([]);
  });

  it('us-ftc refuses rewards for registrations and a consumer share below 50 %, citing the source', () => {
    const plan = { ...defaultPlan('US'), rewardSources: ['product-sale', 'registration', 'starter-purchase'], qualification: { minPv: 5000, minRetailShareBps: 4999 } } as PlanDefinition;
    const reasons = lintPlan(plan);
    expect(reasons.map((r) => [r.field, r.rule])).toEqual([
      ['rewardSources', 'us-ftc/product-sales-only'],
      ['qualification.minRetailShareBps', 'us-ftc/consumer-share'],
    ]);
    expect(reasons[0].reason).toBe(
      'the plan rewards registration, starter-purchase (us-ftc/product-sales-only: rewards only from product sales, never from a registration, an upgrade or a starter purchase; source FTC-MLM; FTC-HERBALIFE §I)',
    );
    expect(reasons[1].source).toBe('FTC-HERBALIFE §II; FTC-MLM');
  });

  it('us-ftc takes a consumer share configured upwards', () => {
    const raised = withMinRetailShare(COMPLIANCE_PROFILES['us-ftc'], 6000);
    expect(rulesOf(defaultPlan('US'), raised)).toEqual([['qualification.minRetailShareBps', 'us-ftc/consumer-share']]);
    expect(withMinRetailShare(COMPLIANCE_PROFILES['us-ftc'], 1000).minRetailShareBps).toBe(5000);
  });

  it('eu asks a 14-day withdrawal period as well', () => {
    const plan = { ...defaultPlan('DE', 'eu'), payout: { frequency: 'monthly', withdrawalDays: 13, returnDays: 0 }, rewardSources: ['product-sale', 'upgrade'] } as PlanDefinition;
    expect(rulesOf(plan)).toEqual([
      ['rewardSources', 'eu/product-sales-only'],
      ['payout.withdrawalDays', 'eu/withdrawal-period'],
    ]);
    expect(lintPlan(plan)[1].reason).toContain('source EU-CRD Art. 9');
  });

  it('cn refuses any override, an uncapped or over-30 % margin, quarterly pay and short returns', () => {
    const plan = {
      ...defaultPlan('CN', 'cn'),
      overrideRatesBps: [0, 500],
      retailMargin: { enabled: true, maxShareOfSaleBps: 3001 },
      payout: { frequency: 'quarterly', withdrawalDays: 0, returnDays: 29 },
    } as PlanDefinition;
    expect(rulesOf(plan)).toEqual([
      ['payout.returnDays', 'cn/returns'],
      ['overrideRatesBps', 'cn/own-sales-only'],
      ['retailMargin.maxShareOfSaleBps', 'cn/pay-cap'],
      ['payout.frequency', 'cn/paid-monthly'],
    ]);
    expect(lintPlan(plan)[1].reason).toContain('levels 2');
    expect(rulesOf({ ...defaultPlan('CN', 'cn'), retailMargin: { enabled: true, maxShareOfSaleBps: null } })).toEqual([['retailMargin.maxShareOfSaleBps', 'cn/pay-cap']]);
  });

  it('refuses a plan whose profile is not its market’s, or that cannot be computed', () => {
    const plan: PlanDefinition = {
      ...defaultPlan('US'),
      market: 'DE',
      overrideRatesBps: [6000, 5000],
      payoutCapBps: 10001,
      ranks: [
        { id: 'a', name: 'A', minGv: 0, minLegs: 1, legRankId: 'a', maxLevel: 2 },
        { id: 'a', name: 'B', minGv: -1, minLegs: 0, legRankId: null, maxLevel: 1 },
      ],
    };
    expect(rulesOf(plan)).toEqual([
      ['complianceProfileId', 'plan/market-profile'],
      ['overrideRatesBps', 'plan/rates-sum'],
      ['payoutCapBps', 'plan/cap'],
      ['ranks[0].legRankId', 'plan/ranks'],
      ['ranks[1].id', 'plan/ranks'],
      ['ranks[1].minGv', 'plan/ranks'],
      ['ranks[1].maxLevel', 'plan/ranks'],
      ['ranks[0].minLegs', 'plan/ranks'],
      ['payout.withdrawalDays', 'eu/withdrawal-period'],
    ]);
  });
});
