import { Transform } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';

/**
 * The network service's own environment variables, validated at boot with the
 * shared ones (see README, "Configuration").
 */
export class NetworkSettings {
  /** Days after joining during which ops may still change a member's sponsor. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(3650)
  NETWORK_SPONSOR_CHANGE_WINDOW_DAYS = 30;

  /**
   * What happens when a registration brings the sponsor's own email, phone or
   * payment fingerprint: `refuse` (422) or `flag` (registered, listed for ops review).
   */
  @IsIn(['refuse', 'flag'])
  NETWORK_SELF_REFERRAL = 'flag';

  /**
   * Transfer reasons per market, overriding the default compliance profile,
   * e.g. `US=inheritance,incapacity,legal-entity-change,gift,sale;DE=inheritance`.
   * Markets not listed use the default profile (everything but a sale).
   */
  @Matches(/^$|^[A-Z]{2}=[a-z-]+(,[a-z-]+)*(;[A-Z]{2}=[a-z-]+(,[a-z-]+)*)*$/, {
    message: 'NETWORK_TRANSFER_REASONS must look like US=inheritance,gift;DE=inheritance',
  })
  NETWORK_TRANSFER_REASONS = '';
}
