import { FULL_RATE_BPS } from '@netdirect/contracts';
import { COMPLIANCE_PROFILES, ComplianceProfile, PROFILE_RULES, ProfileRule, profileForMarket } from './compliance-profiles';
import type { PlanDefinition } from './plan';

/** One reason the linter refuses a plan: the field, why, and the rule and source it comes from. */
export interface LintReason {
  field: string;
  reason: string;
  /** The profile rule id (`us-ftc/consumer-share`), or `plan/<check>` for a plan that cannot be computed. */
  rule: string;
  /** Where the rule comes from (see compliance-profiles.ts); `plan` for the plan's own consistency. */
  source: string;
}

const PLAN_SOURCE = 'plan consistency (services/commission/src/plan/plan-linter.ts)';

/**
 * Lints a plan against its market's compliance profile and its own
 * consistency, listing every reason (never only the first). An empty list is
 * an accepted plan. `profile` overrides the profile of the plan's market
 * (e.g. with a consumer share raised by configuration).
 */
export function lintPlan(plan: PlanDefinition, profile: ComplianceProfile = COMPLIANCE_PROFILES[profileForMarket(plan.market)]): LintReason[] {
  const reasons: LintReason[] = [];
  const own = (field: string, check: string, reason: string) => reasons.push({ field, reason, rule: `plan/${check}`, source: PLAN_SOURCE });
  const breaks = (field: string, r: ProfileRule, detail: string) =>
    reasons.push({ field, reason: `${detail} (${r.id}: ${r.text}; source ${r.source})`, rule: r.id, source: r.source });

  // The plan's own consistency: what computePeriod needs to be meaningful.
  if (plan.complianceProfileId !== profile.id) {
    own('complianceProfileId', 'market-profile', `market ${plan.market} is under the ${profile.id} profile, not ${plan.complianceProfileId}`);
  }
  const rateSum = plan.overrideRatesBps.reduce((s, r) => s + r, 0);
  if (rateSum > FULL_RATE_BPS) own('overrideRatesBps', 'rates-sum', `override rates add up to ${rateSum} bp, more than the whole base`);
  if (plan.payoutCapBps > FULL_RATE_BPS) own('payoutCapBps', 'cap', 'the cap is a share of the base: at most 10000 bp');
  if (plan.qualification.minRetailShareBps > FULL_RATE_BPS) own('qualification.minRetailShareBps', 'share', 'a share is at most 10000 bp');
  lintRanks(plan, own);

  // The profile.
  const productSales = profile.id === 'cn' ? PROFILE_RULES.cnOwnSalesOnly : profile.id === 'eu' ? PROFILE_RULES.euProductSalesOnly : PROFILE_RULES.usProductSalesOnly;
  const others = plan.rewardSources.filter((s) => s !== 'product-sale');
  if (others.length > 0) breaks('rewardSources', productSales, `the plan rewards ${others.join(', ')}`);
  if (!plan.rewardSources.includes('product-sale')) breaks('rewardSources', productSales, 'the plan must reward product sales');

  if (profile.minRetailShareBps !== null && plan.qualification.minRetailShareBps < profile.minRetailShareBps) {
    const r = profile.id === 'eu' ? PROFILE_RULES.euConsumerShare : PROFILE_RULES.usConsumerShare;
    breaks('qualification.minRetailShareBps', r, `qualification asks ${plan.qualification.minRetailShareBps} bp of GV from retail orders; the profile asks at least ${profile.minRetailShareBps} bp`);
  }
  if (plan.payout.withdrawalDays < profile.minWithdrawalDays) {
    breaks('payout.withdrawalDays', PROFILE_RULES.euWithdrawal, `${plan.payout.withdrawalDays} days; at least ${profile.minWithdrawalDays}`);
  }
  if (plan.payout.returnDays < profile.minReturnDays) {
    breaks('payout.returnDays', PROFILE_RULES.cnReturns, `${plan.payout.returnDays} days; at least ${profile.minReturnDays}`);
  }
  if (!profile.overridesAllowed) {
    const paid = plan.overrideRatesBps.map((r, i) => [r, i + 1]).filter(([r]) => r > 0);
    if (paid.length > 0) breaks('overrideRatesBps', PROFILE_RULES.cnOwnSalesOnly, `the plan pays overrides on levels ${paid.map(([, l]) => l).join(', ')}`);
  }
  if (profile.maxRetailMarginShareBps !== null) {
    const share = plan.retailMargin.maxShareOfSaleBps ?? null;
    if (share === null || share > profile.maxRetailMarginShareBps) {
      breaks('retailMargin.maxShareOfSaleBps', PROFILE_RULES.cnPayCap, `the retail margin is capped at ${share === null ? 'nothing' : `${share} bp`}; at most ${profile.maxRetailMarginShareBps} bp of the sale`);
    }
  }
  if (!profile.payoutFrequencies.includes(plan.payout.frequency)) {
    breaks('payout.frequency', PROFILE_RULES.cnMonthly, `paid ${plan.payout.frequency}; allowed: ${profile.payoutFrequencies.join(', ')}`);
  }
  return reasons;
}

function lintRanks(plan: PlanDefinition, own: (field: string, check: string, reason: string) => void): void {
  if (plan.ranks.length === 0) {
    own('ranks', 'ranks', 'at least one rank (the lowest is held by every qualified member)');
    return;
  }
  const seen = new Set<string>();
  plan.ranks.forEach((r, i) => {
    const field = `ranks[${i}]`;
    if (seen.has(r.id)) own(`${field}.id`, 'ranks', `rank id ${r.id} is used twice`);
    if (i > 0) {
      const below = plan.ranks[i - 1];
      if (r.minGv < below.minGv) own(`${field}.minGv`, 'ranks', `ranks are cumulative, lowest first: ${r.id} needs less GV than ${below.id}`);
      if (r.maxLevel < below.maxLevel) own(`${field}.maxLevel`, 'ranks', `ranks are cumulative: ${r.id} is paid fewer levels than ${below.id}`);
    }
    if (r.minLegs > 0 && (r.legRankId === null || !seen.has(r.legRankId))) {
      own(`${field}.legRankId`, 'ranks', `${r.id} needs legs holding a rank below it (got ${String(r.legRankId)})`);
    }
    if (r.minLegs === 0 && r.legRankId !== null) own(`${field}.legRankId`, 'ranks', `${r.id} names a leg rank but needs no legs`);
    seen.add(r.id);
  });
  if (plan.ranks[0].minLegs > 0) own('ranks[0].minLegs', 'ranks', 'the lowest rank cannot need legs');
}
