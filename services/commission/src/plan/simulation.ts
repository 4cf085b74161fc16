import { FULL_RATE_BPS } from '@netdirect/contracts';
import { computePeriodColumns } from '../compute/compute-period';
import type { PeriodInput } from '../compute/model';
import type { PlanVersion } from './plan';

/** Payout of one plan over a period's inputs, for a what-if comparison. */
export interface PlanOutcome {
  planId: string;
  planVersion: number;
  totalPayoutMinor: number;
  retailMarginMinor: number;
  overridesMinor: number;
  breakageMinor: number;
  /** Total payout as a share of the period's base (its BV in money), bp, truncated. */
  payoutShareOfBaseBps: number;
  /** Members holding each rank (`none`: paid members holding none) and what they are paid; lowest rank first, `none` last. */
  byRank: { rank: string; members: number; payoutMinor: number }[];
}

export interface PlanComparison {
  periodId: string;
  baseMinor: number;
  active: PlanOutcome;
  candidate: PlanOutcome;
  /** candidate − active total payout. */
  differenceMinor: number;
}

/** Computes a period under the active plan and under a candidate; writes nothing. */
export function comparePlans(inputs: Omit<PeriodInput, 'plan'>, active: PlanVersion, candidate: PlanVersion): PlanComparison {
  const a = outcomeOf(inputs, active);
  const c = outcomeOf(inputs, candidate);
  return { periodId: inputs.periodId, baseMinor: a.base, active: a.outcome, candidate: c.outcome, differenceMinor: c.outcome.totalPayoutMinor - a.outcome.totalPayoutMinor };
}

function outcomeOf(inputs: Omit<PeriodInput, 'plan'>, plan: PlanVersion): { base: number; outcome: PlanOutcome } {
  const r = computePeriodColumns({ ...inputs, plan });
  const rankOf = new Map<string, string>();
  const holders = new Map<string, number>(plan.ranks.map((k) => [k.id, 0]));
  for (const s of r.standings) {
    if (s.rank === null) continue;
    rankOf.set(s.memberId, s.rank);
    holders.set(s.rank, (holders.get(s.rank) ?? 0) + 1);
  }
  const paid = new Map<string, number>();
  const unranked = new Set<string>();
  for (let i = 0; i < r.lineCount; i++) {
    const amount = r.amountOf(i);
    if (amount === 0) continue;
    const who = r.beneficiaryOf(i);
    const rank = rankOf.get(who) ?? 'none';
    if (rank === 'none') unranked.add(who);
    paid.set(rank, (paid.get(rank) ?? 0) + amount);
  }
  const byRank = [...plan.ranks.map((k) => k.id), 'none'].map((rank) => ({
    rank,
    members: rank === 'none' ? unranked.size : (holders.get(rank) ?? 0),
    payoutMinor: paid.get(rank) ?? 0,
  }));
  const total = r.totals.retailMarginMinor + r.totals.overridesMinor;
  return {
    base: r.totals.baseMinor,
    outcome: {
      planId: plan.planId,
      planVersion: plan.version,
      totalPayoutMinor: total,
      retailMarginMinor: r.totals.retailMarginMinor,
      overridesMinor: r.totals.overridesMinor,
      breakageMinor: r.totals.breakageMinor,
      payoutShareOfBaseBps: r.totals.baseMinor === 0 ? 0 : Math.trunc((total * FULL_RATE_BPS) / r.totals.baseMinor),
      byRank,
    },
  };
}
