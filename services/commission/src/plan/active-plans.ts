import { Injectable } from '@nestjs/common';
import type { PlanVersion } from './plan';
import { PlanVersions } from './plan-versions.repository';

/** The plan a market's period is computed with (for the ledger: accrual, close, release). */
@Injectable()
export class ActivePlans {
  constructor(private readonly versions: PlanVersions) {}

  /** The active version whose first period ≤ periodId; the market's default plan when none was activated. */
  forPeriod(market: string, periodId: string): Promise<PlanVersion> {
    return this.versions.activeFor(market, periodId);
  }
}
