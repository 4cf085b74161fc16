import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { DurationSetting, parseDuration } from '@netdirect/runtime';

/**
 * The catalog service's own environment variables, validated at boot with the
 * shared ones (see README, "Configuration"). Several use cases add theirs here.
 */
export class CatalogSettings {
  /** The one platform currency: every price must be in it (another currency is 422). ISO 4217, upper case. */
  @Matches(/^[A-Z]{3}$/, { message: 'CATALOG_CURRENCY must be an ISO 4217 code such as EUR' })
  CATALOG_CURRENCY = 'EUR';

  /**
   * BV points one unit of the currency is worth at most: a SKU's BV may not be
   * worth more points than its member price has currency units × this (with 1,
   * a member price of 15.00 EUR allows at most 15.00 points, bv 1500). A
   * decimal with up to two places, e.g. `0.5`.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : String(value)))
  @Matches(/^(?:0|[1-9][0-9]{0,5})(?:\.[0-9]{1,2})?$/, {
    message: 'CATALOG_BV_POINTS_PER_UNIT must be a number with at most two decimals, such as 1 or 0.5',
  })
  CATALOG_BV_POINTS_PER_UNIT = '1';

  /**
   * How often each replica's search index re-reads the category tree (small;
   * categories have no events), so a rename or move made through another
   * replica reaches its search within this time.
   */
  @DurationSetting({ min: '100ms', max: '1h' })
  CATALOG_SEARCH_CATEGORY_POLL = parseDuration('5s');

  /**
   * How long an order's stock stays reserved without payment
   * (`StockReserved.expiresAt`; orders holds payment to it). A duration:
   * `30m`, `PT2H`; a demo may shorten it.
   */
  @DurationSetting({ min: '1s', max: '30d' })
  CATALOG_RESERVATION_TTL = parseDuration('30m');

  /**
   * How long a replica owns a reservation step it started; after that, another
   * replica (or the resume pass after a restart) may finish it. Far longer
   * than a step takes, short enough that a crash does not hold stock for long.
   */
  @DurationSetting({ min: '100ms', max: '1h' })
  CATALOG_RESERVATION_LEASE = parseDuration('30s');

  /** How often each replica looks for reservation steps a crashed replica left half done. */
  @DurationSetting({ min: '100ms', max: '1h' })
  CATALOG_RESERVATION_RESUME_INTERVAL = parseDuration('15s');
}
