/**
 * The interface between the plan & compute side (pure computation) and the
 * ledger & service side of services/commission. Everything here is data: no
 * NestJS, no database. Shapes are fixed; fields may only be added, optionally.
 */
import type { PlanVersion } from '../plan/plan';

export type { PlanVersion } from '../plan/plan';

export type MemberKind = 'operator' | 'consumer';
export type PriceKind = 'retail' | 'member';
export type CommissionRule = 'retail-margin' | 'unilevel-override';

/** The network as it stands at the period's end. */
export interface PeriodMember {
  memberId: string;
  sponsorId: string | null;
  kind: MemberKind;
  active: boolean;
}

/** One order line paid in the period, net of refunds booked before the close. */
export interface PeriodOrderLine {
  orderId: string;
  orderLineId: string;
  paidAt: string;
  buyerId: string;
  buyerKind: 'member' | 'guest';
  /** The seller (referringOperatorId), or the buyer when an operator buys for itself. */
  anchorId: string;
  /** referringOperatorId. */
  sellerId: string | null;
  priceKind: PriceKind;
  /** Net of refunded units. */
  quantity: number;
  /** Net line BV in hundredths of a point. */
  bv: number;
  unitPriceMinor: number;
  memberUnitPriceMinor: number;
  /** The anchor's ancestors at accrual, nearest first (snapshot; never re-routed). */
  upline: string[];
}

export interface SkippedMember {
  memberId: string;
  reason: string;
}

export interface ComputedLine {
  /** commissionLineId(orderId, orderLineId, beneficiaryId, rule). */
  lineId: string;
  orderId: string;
  orderLineId: string;
  beneficiaryId: string;
  rule: CommissionRule;
  /** 0 for retail margin. */
  level: number;
  bv: number;
  baseMinor: number;
  rateBps: number;
  /** Before the cap. */
  uncappedMinor: number;
  /** Paid (after rank limits and the cap). */
  amountMinor: number;
  breakageMinor: number;
  breakageReason: string | null;
  skipped: SkippedMember[];
}

export interface MemberStanding {
  memberId: string;
  pv: number;
  gv: number;
  retailGv: number;
  qualified: boolean;
  rank: string | null;
  reasons: string[];
}

export interface PeriodTotals {
  baseMinor: number;
  retailMarginMinor: number;
  overridesUncappedMinor: number;
  overridesMinor: number;
  capMinor: number;
  breakageMinor: number;
}

export interface PeriodResult {
  periodId: string;
  planId: string;
  planVersion: number;
  lines: ComputedLine[];
  standings: MemberStanding[];
  totals: PeriodTotals;
}

export interface PeriodInput {
  periodId: string;
  market: string;
  currency: string;
  plan: PlanVersion;
  members: PeriodMember[];
  lines: PeriodOrderLine[];
}

/** Input of {@link EstimateOrder}. */
export interface EstimateOrderInput {
  market: string;
  currency: string;
  plan: PlanVersion;
  lines: PeriodOrderLine[];
  members: ReadonlyMap<string, PeriodMember>;
  lastStandings: ReadonlyMap<string, Pick<MemberStanding, 'qualified' | 'rank'>>;
}

/** services/commission/src/compute/compute-period.ts */
export type ComputePeriod = (input: PeriodInput) => PeriodResult;
/**
 * services/commission/src/compute/estimate-order.ts — real-time estimate of one
 * paid order: uses the last closed period's standings; an operator with none
 * counts as qualified at the lowest rank.
 */
export type EstimateOrder = (input: EstimateOrderInput) => ComputedLine[];
/** services/commission/src/compute/line-id.ts — a stable hash, id-safe. */
export type CommissionLineId = (orderId: string, orderLineId: string, beneficiaryId: string, rule: CommissionRule) => string;
/** services/commission/src/compute/explain.ts */
export type ExplainLine = (line: ComputedLine, plan: PlanVersion, currency: string) => string;

/*
 * P's plan store for L:
 *   services/commission/src/plan/active-plans.ts:
 *   @Injectable() class ActivePlans { forPeriod(market: string, periodId: string): Promise<PlanVersion> }
 *   (the active version whose first period ≤ periodId; the default plan when none was stored)
 * L's reader for P's simulate:
 *   services/commission/src/periods/period-inputs.reader.ts:
 *   @Injectable() class PeriodInputsReader { read(periodId: string): Promise<Omit<PeriodInput, 'plan'>> }
 */
