import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_SETTINGS } from '@netdirect/runtime';
import { CommissionSettings, configuredRetailShares } from '../commission.settings';
import { COMPLIANCE_PROFILES, ComplianceProfile, profileForMarket, withMinRetailShare } from './compliance-profiles';
import { defaultPlan, PlanVersion } from './plan';

/**
 * The compliance profile each market's plans are held to, as configured: the
 * profile of the market (compliance-profiles.ts) with its consumer-volume
 * share raised by COMMISSION_MIN_RETAIL_SHARE_BPS where that names the
 * market. Raised only: a configured share below the profile's minimum is
 * refused at boot, and `withMinRetailShare` never lowers one.
 */
@Injectable()
export class MarketProfiles {
  private readonly shares: Map<string, number>;

  constructor(@Inject(SERVICE_SETTINGS) settings: CommissionSettings) {
    this.shares = configuredRetailShares(settings.COMMISSION_MIN_RETAIL_SHARE_BPS);
  }

  profileFor(market: string): ComplianceProfile {
    const profile = COMPLIANCE_PROFILES[profileForMarket(market)];
    const raised = this.shares.get(market);
    return raised === undefined ? profile : withMinRetailShare(profile, raised);
  }

  /** The market's built-in default plan, asking the market's configured consumer share (so it passes its own profile). */
  defaultPlan(market: string): PlanVersion {
    const plan = defaultPlan(market, profileForMarket(market));
    const min = this.profileFor(market).minRetailShareBps;
    if (min === null || plan.qualification.minRetailShareBps >= min) return plan;
    return { ...plan, qualification: { ...plan.qualification, minRetailShareBps: min } };
  }
}
