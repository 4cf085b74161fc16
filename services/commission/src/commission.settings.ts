import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { FULL_RATE_BPS } from '@netdirect/contracts';
import { COMPLIANCE_PROFILES, profileForMarket } from './plan/compliance-profiles';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** A configured share is a share (≤ 10000 bp) and never below the market's profile minimum. */
@ValidatorConstraint({ name: 'raisesProfileShare' })
class RaisesProfileShare implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return true;
    for (const [market, bps] of configuredRetailShares(value)) {
      const min = COMPLIANCE_PROFILES[profileForMarket(market)].minRetailShareBps;
      if (bps > FULL_RATE_BPS || (min !== null && bps < min)) return false;
    }
    return true;
  }

  defaultMessage(): string {
    return 'COMMISSION_MIN_RETAIL_SHARE_BPS may only raise a market profile\'s consumer share (us-ftc and eu: at least 5000 bp), at most 10000 bp';
  }
}

/** Key that encrypts payee details at rest when COMMISSION_PAYEE_KEY is not set outside production. */
export const DEV_PAYEE_KEY = Buffer.from('netdirect-dev-payee-details-key!', 'utf8').toString('base64');

/**
 * The commission service's own environment variables, validated at boot with
 * the shared ones (see README, "Configuration").
 */
export class CommissionSettings {
  /** The one platform currency every order and payout is in. ISO 4217. */
  @Matches(/^[A-Z]{3}$/, { message: 'COMMISSION_CURRENCY must be an ISO 4217 code such as EUR' })
  COMMISSION_CURRENCY = 'EUR';

  /** A payee is paid in a batch only when its releasable balance reaches this (minor units); less waits for the next batch. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  COMMISSION_PAYOUT_MINIMUM = 1000;

  /**
   * AES-256-GCM key (base64 of 32 bytes) that encrypts payee details (bank
   * account, tax id) at rest. Required in production; elsewhere a fixed
   * development key is used when it is unset.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'COMMISSION_PAYEE_KEY must be the base64 of 32 bytes' })
  COMMISSION_PAYEE_KEY?: string;

  /**
   * Per-market consumer-volume share a plan must ask to qualify, raised above
   * its profile's minimum (us-ftc and eu: 50 %), as `<market>=<bp>` pairs,
   * e.g. `US=6000,DE=5500`. A value below the profile's minimum is refused at
   * boot: the share is configurable upwards only. Markets not listed keep
   * their profile's minimum; the built-in default plan of a listed market asks
   * the raised share.
   */
  @IsOptional()
  @Matches(/^([A-Z]{2}=\d{1,5})(,[A-Z]{2}=\d{1,5})*$/, { message: 'COMMISSION_MIN_RETAIL_SHARE_BPS must be <market>=<basis points> pairs, e.g. US=6000,DE=5500' })
  @Validate(RaisesProfileShare)
  COMMISSION_MIN_RETAIL_SHARE_BPS?: string;

  /**
   * How long a payout draft holds its batch while it claims entries (ms). A
   * draft that died mid-way (its batch `drafting` past this lease) is
   * finished or rolled back by the next draft of the period.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  COMMISSION_PAYOUT_DRAFT_LEASE_MS = 60_000;

  /**
   * `allow` lets ops close a period before its month ends (the tree and the
   * orders as they stand then; closes stay repeatable until the lock, so a
   * later close adds what came after). For demos and rehearsals: refused at
   * boot in production, where a period closes only once it has ended.
   */
  @IsIn(['refuse', 'allow'])
  COMMISSION_CLOSE_BEFORE_PERIOD_END: 'refuse' | 'allow' = 'refuse';
}

/** The market → raised share pairs of COMMISSION_MIN_RETAIL_SHARE_BPS (validated at boot). */
export function configuredRetailShares(value: string | undefined): Map<string, number> {
  return new Map((value ? value.split(',') : []).map((pair) => {
    const [market, bps] = pair.split('=');
    return [market, Number(bps)] as const;
  }));
}
