import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CompensationPlanActivated } from '@netdirect/contracts';
import { AggregateStore, derivedId, DomainError, domainEvent, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';
import { comparePeriodIds, periodBounds } from '../compute/period-id';
import { MarketProfiles } from './market-profiles';
import { defaultPlan, definitionOf, PlanDefinition, PlanVersion } from './plan';
import { PLAN_VERSION_MODEL, PlanVersionDocument, PlanVersionState } from './plan-version.schema';

const DEFINITION_ONLY = { _id: 0, outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;

/** The stored plan versions: store (a new version), activate (once, from a first period), read. */
@Injectable()
export class PlanVersions extends AggregateStore<PlanVersionState> {
  constructor(
    @InjectModel(PLAN_VERSION_MODEL) model: Model<PlanVersionDocument>,
    recorder: EventRecorder,
    private readonly profiles: MarketProfiles,
  ) {
    super(model, recorder, 'plan version');
  }

  /** Every version of a plan, oldest first. */
  async versionsOf(planId: string): Promise<PlanVersionState[]> {
    const rows = await this.model.collection.find<PlanVersionState>({ planId }, { projection: DEFINITION_ONLY }).toArray();
    return rows.sort((a, b) => a.version - b.version);
  }

  /** Every stored version, of one market or all, by plan then version. */
  async list(market?: string): Promise<PlanVersionState[]> {
    const rows = await this.model.collection.find<PlanVersionState>(market ? { market } : {}, { projection: DEFINITION_ONLY }).toArray();
    return rows.sort((a, b) => (a.planId === b.planId ? a.version - b.version : a.planId < b.planId ? -1 : 1));
  }

  /**
   * Stores a linted definition as the plan's next version. Storing the same
   * definition as the latest version, not yet activated, returns that version
   * (a retried PUT adds nothing). Two writers racing for a version number:
   * the unique `_id` lets one win, the other takes the next number.
   */
  async store(definition: PlanDefinition, by: string, at: Date): Promise<{ state: PlanVersionState; created: boolean }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const versions = await this.versionsOf(definition.planId);
      const latest = versions[versions.length - 1];
      if (latest && latest.firstPeriodId === null && isDeepStrictEqual(definitionOf(latest.plan), definitionOf(definition))) {
        return { state: latest, created: false };
      }
      // The built-in default plan is version 1 of `default-<market>`: a stored one starts after it.
      const floor = definition.planId === defaultPlan(definition.market).planId ? 1 : 0;
      const version = Math.max(latest?.version ?? 0, floor) + 1;
      const plan: PlanVersion = { ...definitionOf(definition), version, firstPeriodId: null, createdBy: by, createdAt: at.toISOString() };
      const state: PlanVersionState = {
        _id: `${definition.planId}@${version}`,
        seq: 0,
        planId: definition.planId,
        version,
        market: definition.market,
        plan,
        firstPeriodId: null,
        activatedBy: null,
        activatedAt: null,
      };
      if (await this.insert(state, [])) return { state, created: true };
    }
    throw DomainError.conflict(`Plan ${definition.planId} kept getting new versions; try again`);
  }

  /** Activates a stored version from its first period: once, by compare-and-set; CompensationPlanActivated. */
  activate(planId: string, version: number, firstPeriodId: string, currentPeriodId: string, by: string, at: Date): Promise<PlanVersionState> {
    return this.change(`${planId}@${version}`, (s) => {
      if (s.firstPeriodId === firstPeriodId) return null; // a retried activation
      if (s.firstPeriodId !== null) return DomainError.rule('firstPeriodId', `version ${version} of ${planId} is already active from ${s.firstPeriodId}; store a new version`);
      const { market, start } = periodBounds(firstPeriodId);
      if (market !== s.market) return DomainError.rule('firstPeriodId', `the plan is for market ${s.market}, the period is ${market}'s`);
      if (comparePeriodIds(firstPeriodId, currentPeriodId) < 0) {
        return DomainError.rule('firstPeriodId', `a plan applies from the current period (${currentPeriodId}) or a later one, not ${firstPeriodId}`);
      }
      const plan = { ...s.plan, firstPeriodId };
      const event: CompensationPlanActivated = {
        planId,
        planVersion: version,
        name: plan.name,
        market,
        complianceProfileId: plan.complianceProfileId,
        payoutCapBps: plan.payoutCapBps,
        maxDepth: plan.overrideRatesBps.length,
        effectiveFrom: start,
        firstPeriodId,
        overrideRatesBps: [...plan.overrideRatesBps],
        activatedBy: by,
        activatedAt: at.toISOString(),
      };
      return {
        id: s._id,
        expectedSeq: s.seq,
        set: { plan, firstPeriodId, activatedBy: by, activatedAt: at },
        events: [domainEvent(CompensationPlanActivated, event, at, derivedId('plan-activated', s._id))],
      };
    });
  }

  /**
   * The plan for a market's period: the activated version with the latest first
   * period not after it (the later activation on a tie); the market's default
   * plan when none was activated.
   */
  async activeFor(market: string, periodId: string): Promise<PlanVersion> {
    const rows = await this.model.collection
      .find<PlanVersionState>({ market, firstPeriodId: { $ne: null } }, { projection: DEFINITION_ONLY })
      .toArray();
    let best: PlanVersionState | null = null;
    for (const r of rows) {
      if (r.firstPeriodId === null || comparePeriodIds(r.firstPeriodId, periodId) > 0) continue;
      if (!best || comparePeriodIds(r.firstPeriodId, best.firstPeriodId as string) > 0 || (r.firstPeriodId === best.firstPeriodId && (r.activatedAt?.getTime() ?? 0) > (best.activatedAt?.getTime() ?? 0))) {
        best = r;
      }
    }
    return best ? best.plan : this.profiles.defaultPlan(market);
  }
}
