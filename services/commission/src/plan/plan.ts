/**
 * The compensation plan as versioned data (never code). A stored version is
 * immutable; a change is a new version. Amounts of volume (PV, GV thresholds)
 * are in hundredths of a point, like BV everywhere; rates in basis points.
 */

export const COMPLIANCE_PROFILE_IDS = ['us-ftc', 'eu', 'cn'] as const;
export type ComplianceProfileId = (typeof COMPLIANCE_PROFILE_IDS)[number];

/** What a plan may pay a reward for. Only `product-sale` is allowed by every profile. */
export const REWARD_SOURCES = ['product-sale', 'registration', 'upgrade', 'starter-purchase'] as const;
export type RewardSource = (typeof REWARD_SOURCES)[number];

export const PAYOUT_FREQUENCIES = ['weekly', 'monthly', 'quarterly'] as const;
export type PayoutFrequency = (typeof PAYOUT_FREQUENCIES)[number];

/** A rank: cumulative, each needs the one below it (ranks are listed lowest first). */
export interface RankRule {
  /** Stable id, e.g. `bronze`; what standings and RankAchieved carry. */
  id: string;
  name: string;
  /** Minimum GV in hundredths of a point. */
  minGv: number;
  /** Legs (whole subtrees of direct children) that must each hold at least `legRankId`. */
  minLegs: number;
  legRankId: string | null;
  /** Deepest override level this rank is paid for (1 = level 1 only). */
  maxLevel: number;
}

/** The plan's content: what an author submits (`PUT /v1/plans`). */
export interface PlanDefinition {
  /** Stable id of the plan across versions, e.g. `default-us`. */
  planId: string;
  name: string;
  /** ISO 3166-1 alpha-2 market the plan is for. */
  market: string;
  /** The compliance profile the plan must satisfy. */
  complianceProfileId: ComplianceProfileId;
  /** Value of one point (bv 100) in minor units of the market's currency. */
  pointValueMinor: number;
  /** What rewards are paid for; the linter refuses anything but product sales under every profile. */
  rewardSources: RewardSource[];
  retailMargin: {
    enabled: boolean;
    /** Optional cap on a line's margin as a share of its retail sale amount (cn: total pay ≤ 30 % of sales). */
    maxShareOfSaleBps?: number | null;
  };
  qualification: {
    /** Minimum PV in hundredths of a point (default 5000 = 50 points; exactly the minimum qualifies). */
    minPv: number;
    /** Minimum share of GV from `priceKind: retail` orders, in basis points (0 = no rule). */
    minRetailShareBps: number;
  };
  /** Unilevel override rate per level; index 0 is level 1. */
  overrideRatesBps: number[];
  ranks: RankRule[];
  /** Cap on overrides (not the retail margin) as a share of the period's total base. */
  payoutCapBps: number;
  payout: {
    frequency: PayoutFrequency;
    /** Days after completion before a line can be released (eu: the withdrawal period). */
    withdrawalDays: number;
    /** Days a customer may return a product. */
    returnDays: number;
  };
}

/** One stored, immutable version of a plan. */
export interface PlanVersion extends PlanDefinition {
  version: number;
  /** The first period (`<market>-<YYYY-MM>`) it applies to once activated; null while only stored. */
  firstPeriodId: string | null;
  /** Who stored it and when (ISO instant); `system` for the built-in default. */
  createdBy: string;
  createdAt: string;
}

/** The default ranks. */
export const DEFAULT_RANKS: RankRule[] = [
  { id: 'operator', name: 'Operator', minGv: 0, minLegs: 0, legRankId: null, maxLevel: 1 },
  { id: 'bronze', name: 'Bronze', minGv: 500_00, minLegs: 0, legRankId: null, maxLevel: 2 },
  { id: 'silver', name: 'Silver', minGv: 2_000_00, minLegs: 2, legRankId: 'bronze', maxLevel: 3 },
  { id: 'gold', name: 'Gold', minGv: 10_000_00, minLegs: 3, legRankId: 'silver', maxLevel: 5 },
];

/**
 * The default plan of a market: version 1 of `default-<market>`, built in and
 * used until a stored version is activated. Under `cn` it has no overrides and
 * caps the retail margin at 30 % of the sale, as that profile requires.
 */
export function defaultPlan(market: string, complianceProfileId: ComplianceProfileId = 'us-ftc'): PlanVersion {
  const cn = complianceProfileId === 'cn';
  return {
    planId: `default-${market.toLowerCase()}`,
    name: `Default plan (${market})`,
    market,
    complianceProfileId,
    pointValueMinor: 100,
    rewardSources: ['product-sale'],
    retailMargin: { enabled: true, maxShareOfSaleBps: cn ? 3_000 : null },
    qualification: { minPv: 50_00, minRetailShareBps: cn ? 0 : 5_000 },
    overrideRatesBps: cn ? [] : [1_000, 500, 300, 200, 200],
    ranks: DEFAULT_RANKS.map((r) => ({ ...r })),
    payoutCapBps: 2_500,
    payout: { frequency: 'monthly', withdrawalDays: complianceProfileId === 'eu' ? 14 : 0, returnDays: cn ? 30 : 0 },
    version: 1,
    firstPeriodId: null,
    createdBy: 'system',
    createdAt: '1970-01-01T00:00:00.000Z',
  };
}

/** A definition as submitted: optional fields may be absent. */
export type PlanDefinitionInput = Omit<PlanDefinition, 'ranks' | 'retailMargin'> & {
  ranks: (Omit<RankRule, 'legRankId'> & { legRankId?: string | null })[];
  retailMargin: { enabled: boolean; maxShareOfSaleBps?: number | null };
};

/** The author's part of a plan (what PUT submits), without version or activation, optional fields explicit. */
export function definitionOf(p: PlanDefinitionInput): PlanDefinition {
  return {
    planId: p.planId,
    name: p.name,
    market: p.market,
    complianceProfileId: p.complianceProfileId,
    pointValueMinor: p.pointValueMinor,
    rewardSources: [...p.rewardSources],
    retailMargin: { enabled: p.retailMargin.enabled, maxShareOfSaleBps: p.retailMargin.maxShareOfSaleBps ?? null },
    qualification: { minPv: p.qualification.minPv, minRetailShareBps: p.qualification.minRetailShareBps },
    overrideRatesBps: [...p.overrideRatesBps],
    ranks: p.ranks.map((r) => ({ id: r.id, name: r.name, minGv: r.minGv, minLegs: r.minLegs, legRankId: r.legRankId ?? null, maxLevel: r.maxLevel })),
    payoutCapBps: p.payoutCapBps,
    payout: { frequency: p.payout.frequency, withdrawalDays: p.payout.withdrawalDays, returnDays: p.payout.returnDays },
  };
}
