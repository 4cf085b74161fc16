import type { ComplianceProfileId } from './plan';

/**
 * Compliance profiles: the bounds a market's law puts on a compensation plan.
 * Each rule is a documented constant naming its source; the linter cites the
 * rule id and the source in every reason it gives, so a refusal can be checked
 * against the text it comes from.
 *
 * Sources (as cited by the rules below):
 *  - [FTC-MLM] US Federal Trade Commission, "Business Guidance Concerning
 *    Multi-Level Marketing" (2018, updated 2024): compensation must be driven by
 *    sales to real customers, not by recruitment or participants' own purchases
 *    made to qualify; FTC Act §5, 15 U.S.C. §45.
 *  - [FTC-HERBALIFE] FTC v. Herbalife International of America, Inc., stipulated
 *    order (C.D. Cal., 2016), Sections I–II: rewards only on verifiable retail
 *    and preferred-customer sales; at least two thirds of rewarded sales to real
 *    customers. The platform's default asks at least 50 % of GV from retail
 *    orders to qualify, configurable upwards.
 *  - [EU-UCPD] Directive 2005/29/EC (Unfair Commercial Practices), Annex I
 *    point 14: a pyramid promotional scheme where consideration derives
 *    primarily from introducing other consumers, not from the sale of products,
 *    is unfair in all circumstances.
 *  - [EU-CRD] Directive 2011/83/EU (Consumer Rights), Article 9: a 14-day
 *    withdrawal period for distance and off-premises contracts.
 *  - [CN-ANTI-PYRAMID] 禁止传销条例 (Regulations on the Prohibition of Pyramid
 *    Selling, State Council Decree 444, 2005), Article 7: paying a participant on
 *    the sales or recruitment of those it brought in is pyramid selling.
 *  - [CN-DSA] 直销管理条例 (Regulations on the Administration of Direct Selling,
 *    State Council Decree 443, 2005), Article 24: pay to a direct seller is
 *    computed only on its own sales to consumers, at most 30 % of that income,
 *    and paid at least monthly; Article 25: consumers may return goods within
 *    30 days of purchase.
 */

export interface ProfileRule {
  /** `<profile>/<rule>`, cited in every lint reason. */
  id: string;
  /** What the rule asks of a plan. */
  text: string;
  /** The source, as listed above. */
  source: string;
}

const rule = (id: string, text: string, source: string): ProfileRule => ({ id, text, source });

/** Every profile rule the linter applies, by id. */
export const PROFILE_RULES = {
  usProductSalesOnly: rule(
    'us-ftc/product-sales-only',
    'rewards only from product sales, never from a registration, an upgrade or a starter purchase',
    'FTC-MLM; FTC-HERBALIFE §I',
  ),
  usConsumerShare: rule(
    'us-ftc/consumer-share',
    'qualification requires at least the profile minimum share of GV from retail (consumer) orders',
    'FTC-HERBALIFE §II; FTC-MLM',
  ),
  euProductSalesOnly: rule(
    'eu/product-sales-only',
    'rewards only from product sales, never from a registration, an upgrade or a starter purchase',
    'EU-UCPD Annex I point 14',
  ),
  euConsumerShare: rule('eu/consumer-share', 'as us-ftc: a minimum share of GV from retail orders to qualify', 'EU-UCPD Annex I point 14; FTC-HERBALIFE §II'),
  euWithdrawal: rule('eu/withdrawal-period', 'no line is released before the 14-day withdrawal period ends', 'EU-CRD Art. 9'),
  cnOwnSalesOnly: rule(
    'cn/own-sales-only',
    "only the seller's own direct sales to consumers are rewarded: no override at any level, no reward for registrations, upgrades or starter purchases",
    'CN-ANTI-PYRAMID Art. 7; CN-DSA Art. 24',
  ),
  cnPayCap: rule('cn/pay-cap', "total pay at most 30 % of the seller's own sales (the retail margin capped at 3 000 bp of the sale)", 'CN-DSA Art. 24'),
  cnMonthly: rule('cn/paid-monthly', 'pay at least monthly', 'CN-DSA Art. 24'),
  cnReturns: rule('cn/returns', 'a 30-day return period before a line can be released', 'CN-DSA Art. 25'),
} as const;

/** A profile's parameters (the documented constants the rules above check). */
export interface ComplianceProfile {
  id: ComplianceProfileId;
  /** The least share of GV from retail orders a plan may ask to qualify (bp); null: no such rule. */
  minRetailShareBps: number | null;
  /** The least withdrawal period before release, in days. */
  minWithdrawalDays: number;
  /** The least return period before release, in days. */
  minReturnDays: number;
  /** Whether unilevel overrides (pay on others' sales) are allowed at all. */
  overridesAllowed: boolean;
  /** Cap on a line's retail margin as a share of its sale, required when set (bp). */
  maxRetailMarginShareBps: number | null;
  /** Payout frequencies allowed. */
  payoutFrequencies: readonly string[];
}

/** The default consumer-volume share under us-ftc and eu: 50 % (configurable upwards, never below). */
export const DEFAULT_MIN_RETAIL_SHARE_BPS = 5_000;

export const COMPLIANCE_PROFILES: Readonly<Record<ComplianceProfileId, ComplianceProfile>> = {
  'us-ftc': {
    id: 'us-ftc',
    minRetailShareBps: DEFAULT_MIN_RETAIL_SHARE_BPS,
    minWithdrawalDays: 0,
    minReturnDays: 0,
    overridesAllowed: true,
    maxRetailMarginShareBps: null,
    payoutFrequencies: ['weekly', 'monthly', 'quarterly'],
  },
  eu: {
    id: 'eu',
    minRetailShareBps: DEFAULT_MIN_RETAIL_SHARE_BPS,
    minWithdrawalDays: 14,
    minReturnDays: 0,
    overridesAllowed: true,
    maxRetailMarginShareBps: null,
    payoutFrequencies: ['weekly', 'monthly', 'quarterly'],
  },
  cn: {
    id: 'cn',
    minRetailShareBps: null,
    minWithdrawalDays: 0,
    minReturnDays: 30,
    overridesAllowed: false,
    maxRetailMarginShareBps: 3_000,
    payoutFrequencies: ['weekly', 'monthly'],
  },
};

/** EU and EEA member states: markets under the `eu` profile. */
const EU_MARKETS = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);

/** The compliance profile of a market: `cn` for China, `eu` for the EU/EEA, otherwise `us-ftc` (the default). */
export function profileForMarket(market: string): ComplianceProfileId {
  if (market === 'CN') return 'cn';
  if (EU_MARKETS.has(market)) return 'eu';
  return 'us-ftc';
}

/** A profile with its consumer share raised (never lowered) to `minRetailShareBps`. */
export function withMinRetailShare(profile: ComplianceProfile, minRetailShareBps: number): ComplianceProfile {
  if (profile.minRetailShareBps === null) return profile;
  return { ...profile, minRetailShareBps: Math.max(profile.minRetailShareBps, minRetailShareBps) };
}
