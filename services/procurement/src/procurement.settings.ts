import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { DurationSetting, parseDuration } from '@netdirect/runtime';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * The procurement service's own environment variables, validated at boot
 * with the shared ones (see README, "Configuration").
 */
export class ProcurementSettings {
  /** The one platform currency: suppliers and price lists must use it (another is 422). ISO 4217. */
  @Matches(/^[A-Z]{3}$/, { message: 'PROCUREMENT_CURRENCY must be an ISO 4217 code such as EUR' })
  PROCUREMENT_CURRENCY = 'EUR';

  /**
   * How long reorder signals are collected before a scheduled run buys them
   * together: the first signal of a window schedules a run at its end, so
   * demand is aggregated rather than split into small orders.
   */
  @DurationSetting({ min: '1s', max: '30d' })
  PROCUREMENT_BATCH_WINDOW = parseDuration('1h');

  /** Days from a run to its need date: suppliers whose lead time is longer are chosen only if none is shorter. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  PROCUREMENT_NEED_WITHIN_DAYS = 14;

  /** How far receipts may exceed the confirmed quantity of a line, in basis points (200 = 2 %); beyond it, 422. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PROCUREMENT_OVER_RECEIPT_TOLERANCE_BPS = 200;

  /**
   * How far what an invoice bills for a SKU may exceed units received ×
   * ordered unit cost, in basis points (50 = 0.5 %), and still match; beyond
   * it the invoice is held.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PROCUREMENT_INVOICE_TOLERANCE_BPS = 50;

  /** How long a replica owns a run it started; after that, another replica (or a restart) resumes it. */
  @DurationSetting({ min: '100ms', max: '1h' })
  PROCUREMENT_RUN_LEASE = parseDuration('2m');

  /** How often each replica looks for runs a crashed replica left half done. */
  @DurationSetting({ min: '100ms', max: '1h' })
  PROCUREMENT_RUN_RESUME_INTERVAL = parseDuration('15s');
}
