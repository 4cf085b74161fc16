import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, registerDecorator } from 'class-validator';
import { DurationSetting, parseDuration } from '@netdirect/runtime';
import { DEFAULT_MARKETS, parseMarketRules } from './markets/market-rules';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

function IsMarketRules(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMarketRules',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !Array.isArray(parseMarketRules(value)),
        defaultMessage: (args) => {
          const value = args?.value as unknown;
          const result = typeof value === 'string' ? parseMarketRules(value) : ['must be a JSON string'];
          return `ORDERS_MARKETS ${Array.isArray(result) ? result.join('; ') : ''}`;
        },
      },
    });
}

/**
 * The orders service's own environment variables, validated at boot with the
 * shared ones (see README, "Configuration").
 */
export class OrdersSettings {
  /** The one platform currency every order is in. ISO 4217. */
  @Matches(/^[A-Z]{3}$/, { message: 'ORDERS_CURRENCY must be an ISO 4217 code such as EUR' })
  ORDERS_CURRENCY = 'EUR';

  /**
   * The rules of each market an order may be placed in, as JSON keyed by
   * market: `shippingFee` and `freeShippingFrom` (minor units), `vatBps`,
   * `returnWindow` and `withdrawal` (durations), `restockingFeeBps`, `buyBackBps`,
   * and optionally `buyBackPeriod` (a duration, 365 days unset).
   */
  @IsMarketRules()
  ORDERS_MARKETS = DEFAULT_MARKETS;

  /** Most units of one SKU a line may order; more is 422 naming the line. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  ORDERS_MAX_LINE_QUANTITY = 100;

  /**
   * How long a confirmed order waits for payment; the deadline is this after
   * confirmation or the reservation's `expiresAt`, whichever is earlier.
   */
  @DurationSetting({ min: '1s', max: '30d' })
  ORDERS_PAYMENT_WINDOW = parseDuration('30m');

  /**
   * A refund the provider failed is asked again automatically after this,
   * doubling per attempt (10m, 20m, 40m, …), until ORDERS_REFUND_MAX_ATTEMPTS;
   * then it stays failed for ops to retry.
   */
  @DurationSetting({ min: '1s', max: '7d' })
  ORDERS_REFUND_RETRY_BACKOFF = parseDuration('10m');

  /** Attempts of a refund in all (the first included) before only ops retry it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  ORDERS_REFUND_MAX_ATTEMPTS = 5;

  /**
   * The key of guests' order access tokens (HMAC-SHA256 of the order id). At
   * least 32 characters; unset, it is derived from JWT_SECRET (see GuestTokens).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ORDERS_GUEST_TOKEN_SECRET must be at least 32 characters' })
  ORDERS_GUEST_TOKEN_SECRET?: string;
}
