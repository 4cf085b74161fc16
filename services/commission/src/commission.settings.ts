import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

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
}
