import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, Principal } from '@netdirect/runtime';
import { comparePeriodIds, periodBounds, periodIdOf } from '../compute/period-id';
import { PeriodInputsReader } from '../periods/period-inputs.reader';
import { MarketProfiles } from './market-profiles';
import { definitionOf, PlanDefinitionInput } from './plan';
import { lintPlan, LintReason } from './plan-linter';
import { PlanVersionState } from './plan-version.schema';
import { PlanVersions } from './plan-versions.repository';
import { comparePlans, PlanComparison } from './simulation';

/** Lint, store and activate plan versions (ops or finance). */
@Injectable()
export class PlansService {
  constructor(
    private readonly versions: PlanVersions,
    private readonly inputs: PeriodInputsReader,
    private readonly profiles: MarketProfiles,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  lint(plan: PlanDefinitionInput): { ok: boolean; profile: string; reasons: LintReason[] } {
    const profile = this.profiles.profileFor(plan.market);
    const reasons = lintPlan(definitionOf(plan), profile);
    return { ok: reasons.length === 0, profile: profile.id, reasons };
  }

  /** Stores the plan as its next version after the linter accepts it; every reason in one 422 otherwise. */
  async store(plan: PlanDefinitionInput, caller: Principal): Promise<PlanVersionState> {
    const definition = definitionOf(plan);
    const reasons = lintPlan(definition, this.profiles.profileFor(definition.market));
    if (reasons.length > 0) throw DomainError.rules(reasons.map((r) => ({ field: r.field, reason: r.reason })));
    return (await this.versions.store(definition, caller.subject, this.clock.now())).state;
  }

  async activate(planId: string, version: number, firstPeriodId: string, caller: Principal): Promise<PlanVersionState> {
    const state = await this.versions.get(`${planId}@${version}`);
    const now = this.clock.now();
    return this.versions.activate(planId, version, firstPeriodId, periodIdOf(state.market, now), caller.subject, now);
  }

  /**
   * What-if: the period computed with the candidate (linted first, never
   * stored) beside the plan it is computed with; writes nothing.
   */
  async simulate(periodId: string, candidate: PlanDefinitionInput, caller: Principal): Promise<PlanComparison> {
    const definition = definitionOf(candidate);
    const { market } = periodBounds(periodId);
    const now = this.clock.now();
    const refusals: { field: string; reason: string }[] = [];
    if (definition.market !== market) refusals.push({ field: 'plan.market', reason: `the period ${periodId} is of market ${market}` });
    if (comparePeriodIds(periodId, periodIdOf(market, now)) > 0) refusals.push({ field: 'periodId', reason: 'a past or the current period: this one has no orders yet' });
    refusals.push(...lintPlan(definition, this.profiles.profileFor(definition.market)).map((r) => ({ field: `plan.${r.field}`, reason: r.reason })));
    if (refusals.length > 0) throw DomainError.rules(refusals);
    const [inputs, active] = await Promise.all([this.inputs.read(periodId), this.versions.activeFor(market, periodId)]);
    return comparePlans(inputs, active, { ...definition, version: 0, firstPeriodId: null, createdBy: caller.subject, createdAt: now.toISOString() });
  }
}
