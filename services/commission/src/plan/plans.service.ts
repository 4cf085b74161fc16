import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, Principal } from '@netdirect/runtime';
import { periodIdOf } from '../compute/period-id';
import { COMPLIANCE_PROFILES, profileForMarket } from './compliance-profiles';
import { definitionOf, PlanDefinitionInput } from './plan';
import { lintPlan, LintReason } from './plan-linter';
import { PlanVersionState } from './plan-version.schema';
import { PlanVersions } from './plan-versions.repository';

/** Lint, store and activate plan versions (ops or finance). */
@Injectable()
export class PlansService {
  constructor(
    private readonly versions: PlanVersions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  lint(plan: PlanDefinitionInput): { ok: boolean; profile: string; reasons: LintReason[] } {
    const reasons = lintPlan(definitionOf(plan));
    return { ok: reasons.length === 0, profile: COMPLIANCE_PROFILES[profileForMarket(plan.market)].id, reasons };
  }

  /** Stores the plan as its next version after the linter accepts it; every reason in one 422 otherwise. */
  async store(plan: PlanDefinitionInput, caller: Principal): Promise<PlanVersionState> {
    const definition = definitionOf(plan);
    const reasons = lintPlan(definition);
    if (reasons.length > 0) throw DomainError.rules(reasons.map((r) => ({ field: r.field, reason: r.reason })));
    return (await this.versions.store(definition, caller.subject, this.clock.now())).state;
  }

  async activate(planId: string, version: number, firstPeriodId: string, caller: Principal): Promise<PlanVersionState> {
    const state = await this.versions.get(`${planId}@${version}`);
    const now = this.clock.now();
    return this.versions.activate(planId, version, firstPeriodId, periodIdOf(state.market, now), caller.subject, now);
  }
}
