import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { serviceRegistration, ServiceName } from '@netdirect/contracts';

/** Secret used to sign and verify tokens when JWT_SECRET is not set outside production. */
export const DEV_JWT_SECRET = 'netdirect-local-development-secret-do-not-use-in-production';

/** Key that encrypts webhook secrets at rest when WEBHOOK_SECRETS_KEY is not set outside production. */
export const DEV_WEBHOOK_SECRETS_KEY = Buffer.from('netdirect-dev-webhook-secrets-ky', 'utf8').toString('base64');

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';

/**
 * The environment variables a service reads. Nothing else in a service reads
 * `process.env`: it injects {@link ServiceConfig}.
 */
class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  @IsOptional()
  HTTP_PORT?: number;

  @IsString()
  @Matches(/^[0-9a-zA-Z.:[\]-]+$/, { message: 'HTTP_HOST must be a host name or IP address' })
  HTTP_HOST = '127.0.0.1';

  @IsString()
  @Matches(
    /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):[0-9]{1,5}(,([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):[0-9]{1,5})*$/,
    {
      message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
    },
  )
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, {
    message: 'KAFKA_CLIENT_ID may hold only letters, digits, ".", "_" and "-"',
  })
  KAFKA_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'KAFKA_GROUP_ID may hold only letters, digits, ".", "_" and "-"' })
  KAFKA_GROUP_ID?: string;

  /** Where a new consumer group starts: the earliest offset (rebuild read models from history) or the latest. */
  @Transform(toBool)
  @IsBoolean()
  KAFKA_FROM_BEGINNING = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONCURRENCY = 3;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  CONSUMER_MAX_ATTEMPTS = 5;

  /** How long the broker waits for a consumer's heartbeat before it gives its partitions to another member (a killed replica's partitions move after this). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS = 30000;

  /** How often a consumer heartbeats; below a third of KAFKA_SESSION_TIMEOUT_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100000)
  KAFKA_HEARTBEAT_INTERVAL_MS = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60000)
  CONSUMER_RETRY_BASE_MS = 200;

  /** How long a message whose prerequisite is missing stays parked before it is dead-lettered (prerequisite-timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10080)
  CONSUMER_DEFER_MAX_MINUTES = 60;

  /** Tests only (refused in production): the parking time in milliseconds, instead of CONSUMER_DEFER_MAX_MINUTES. */
  @ValidateIf((env: EnvironmentVariables) => env.CONSUMER_DEFER_MAX_MS !== undefined)
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(604800000)
  @ValidateBy({
    name: 'notInProduction',
    validator: {
      validate: (_value, args) => (args?.object as EnvironmentVariables).NODE_ENV !== 'production',
      defaultMessage: () => 'CONSUMER_DEFER_MAX_MS is for tests only; use CONSUMER_DEFER_MAX_MINUTES in production',
    },
  })
  CONSUMER_DEFER_MAX_MS?: number;

  /** First wait before a parked message is retried; it doubles on each retry, up to a minute. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  CONSUMER_DEFER_RETRY_BASE_MS = 1000;

  /** How often the deferred-event loop looks for parked messages that are due. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  CONSUMER_DEFER_POLL_MS = 1000;

  /** How often consumer lag is measured from the broker's offsets (so a stuck consumer shows). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  CONSUMER_LAG_INTERVAL_MS = 15000;

  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\/[^\s]+$/, {
    message: 'MONGO_URL must be a mongodb:// or mongodb+srv:// URL',
  })
  MONGO_URL = 'mongodb://127.0.0.1:27017';

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'MONGO_DB must be 1-63 letters, digits, "_" or "-"' })
  MONGO_DB?: string;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_MS = 2000;

  /** How long a relay owns a document it is publishing; another replica takes over after a crash once it expires. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  OUTBOX_LEASE_MS = 30000;

  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (and is required in production)' })
  JWT_SECRET?: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = 'netdirect';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `system` (wall time), or `test`: a TestClock that tests set and advance (refused in production). */
  @IsIn(['system', 'test'])
  @ValidateBy({
    name: 'clockAllowed',
    validator: {
      validate: (value, args) => !(value === 'test' && (args?.object as EnvironmentVariables).NODE_ENV === 'production'),
      defaultMessage: () => 'CLOCK=test is not allowed in production',
    },
  })
  CLOCK: 'system' | 'test' = 'system';

  /** Where a test clock starts (ISO-8601 date-time); the wall time by default. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'CLOCK_START must be an ISO-8601 date-time' })
  CLOCK_START?: string;

  /** How often the timer poller looks for due timers; a timer fires at most this late. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  TIMERS_POLL_MS = 1000;

  /** How long a replica owns a timer it is running; another replica runs it again after a crash once it expires. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  TIMERS_LEASE_MS = 60000;

  /** Runs of a failing timer handler (crashes included) before the timer is recorded as failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  TIMERS_MAX_ATTEMPTS = 8;

  /** First retry delay of a failing timer handler; it doubles per attempt up to TIMERS_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600000)
  TIMERS_RETRY_BASE_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400000)
  TIMERS_RETRY_MAX_MS = 600000;

  /**
   * AES-256-GCM key (base64 of 32 bytes) that encrypts webhook callers' secrets at rest.
   * Required in production by services that import WebhooksModule; a fixed development key otherwise.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'WEBHOOK_SECRETS_KEY must be the base64 of 32 bytes' })
  WEBHOOK_SECRETS_KEY?: string;

  /**
   * How long a replica owns a webhook delivery whose handler it runs: the
   * caller's retries answer 409 meanwhile, and take the delivery over once it
   * expires (a replica killed mid-handling). Longer than the slowest handler.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  WEBHOOK_DELIVERY_LEASE_MS = 60000;
}

/** Fixed facts about a service, given by its own code (not by ops). */
export interface ServiceDefinition {
  name: ServiceName;
  /** Default HTTP port (HTTP_PORT overrides). */
  defaultHttpPort: number;
  /** Default database (MONGO_DB overrides); `netdirect_<name>` if not given. */
  database?: string;
  /** Title and description for the OpenAPI document. */
  title: string;
  description: string;
  /**
   * The service's own environment variables: a class with class-validator
   * (and class-transformer) decorators and defaults, validated at boot with
   * the shared ones. Inject the instance with `@Inject(SERVICE_SETTINGS)`.
   */
  settings?: new () => object;
}

/**
 * A service's definition from the service registry in `@netdirect/contracts`
 * (name, port, database, title, description), plus what only its code knows:
 *
 * ```ts
 * export const NETWORK_SERVICE = defineService('network', { settings: NetworkSettings });
 * ```
 */
export function defineService(
  name: ServiceName,
  own: Pick<ServiceDefinition, 'settings'> = {},
): ServiceDefinition {
  const r = serviceRegistration(name);
  return { name, defaultHttpPort: r.port, database: r.database, title: r.title, description: r.description, ...own };
}

/** Validated, typed configuration of one service. */
export interface ServiceConfig {
  service: ServiceDefinition;
  env: 'development' | 'test' | 'production';
  http: { port: number; host: string };
  kafka: {
    brokers: string[];
    clientId: string;
    groupId: string;
    fromBeginning: boolean;
    partitionsConcurrency: number;
    sessionTimeoutMs: number;
    heartbeatIntervalMs: number;
  };
  consumer: {
    maxAttempts: number;
    retryBaseMs: number;
    /** CONSUMER_DEFER_MAX_MINUTES in ms, or CONSUMER_DEFER_MAX_MS in tests. */
    deferMaxMs: number;
    deferRetryBaseMs: number;
    deferPollMs: number;
    lagIntervalMs: number;
  };
  mongo: { url: string; dbName: string };
  outbox: { pollMs: number; leaseMs: number };
  auth: { secret: string; issuer: string };
  logLevel: string;
  /** Which clock CLOCK provides (see clock/clock.provider). */
  clock: { mode: 'system' | 'test'; start?: Date };
  timers: { pollMs: number; leaseMs: number; maxAttempts: number; retryBaseMs: number; retryMaxMs: number };
  /** `secretsKey` is undefined only in production without WEBHOOK_SECRETS_KEY; WebhooksModule then refuses to start. */
  webhooks: { secretsKey?: Buffer; deliveryLeaseMs: number };
  /** The validated instance of {@link ServiceDefinition.settings}, if the service has one. */
  settings?: object;
}

/** A configuration that cannot start a service; the message names each bad variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Read and validate a service's configuration from environment variables.
 * Throws {@link ConfigurationError} naming every invalid or missing variable.
 */
export function loadServiceConfig(service: ServiceDefinition, source: NodeJS.ProcessEnv): ServiceConfig {
  // The whitelist drops every variable the class does not declare.
  const env = plainToInstance(EnvironmentVariables, { ...source });
  const settings = service.settings ? plainToInstance(service.settings, { ...source }) : undefined;
  const errors = [
    ...validateSync(env, { whitelist: true }),
    ...(settings ? validateSync(settings, { whitelist: true }) : []),
  ];
  if (errors.length) {
    throw new ConfigurationError(
      errors.flatMap((e) =>
        Object.values(e.constraints ?? {}).map((msg) => `${e.property}=${JSON.stringify(e.value)}: ${msg}`),
      ),
    );
  }
  return {
    service,
    env: env.NODE_ENV,
    http: { port: env.HTTP_PORT ?? service.defaultHttpPort, host: env.HTTP_HOST },
    kafka: {
      brokers: env.KAFKA_BROKERS.split(','),
      clientId: env.KAFKA_CLIENT_ID ?? `netdirect-${service.name}`,
      groupId: env.KAFKA_GROUP_ID ?? `netdirect-${service.name}`,
      fromBeginning: env.KAFKA_FROM_BEGINNING,
      partitionsConcurrency: env.KAFKA_PARTITIONS_CONCURRENCY,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: env.KAFKA_HEARTBEAT_INTERVAL_MS,
    },
    consumer: {
      maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
      retryBaseMs: env.CONSUMER_RETRY_BASE_MS,
      deferMaxMs: env.CONSUMER_DEFER_MAX_MS ?? env.CONSUMER_DEFER_MAX_MINUTES * 60000,
      deferRetryBaseMs: env.CONSUMER_DEFER_RETRY_BASE_MS,
      deferPollMs: env.CONSUMER_DEFER_POLL_MS,
      lagIntervalMs: env.CONSUMER_LAG_INTERVAL_MS,
    },
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB ?? service.database ?? `netdirect_${service.name}` },
    outbox: { pollMs: env.OUTBOX_POLL_MS, leaseMs: env.OUTBOX_LEASE_MS },
    auth: { secret: env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: env.JWT_ISSUER },
    logLevel: env.LOG_LEVEL,
    clock: { mode: env.CLOCK, start: env.CLOCK_START ? new Date(env.CLOCK_START) : undefined },
    timers: {
      pollMs: env.TIMERS_POLL_MS,
      leaseMs: env.TIMERS_LEASE_MS,
      maxAttempts: env.TIMERS_MAX_ATTEMPTS,
      retryBaseMs: env.TIMERS_RETRY_BASE_MS,
      retryMaxMs: env.TIMERS_RETRY_MAX_MS,
    },
    webhooks: {
      deliveryLeaseMs: env.WEBHOOK_DELIVERY_LEASE_MS,
      secretsKey: env.WEBHOOK_SECRETS_KEY
        ? Buffer.from(env.WEBHOOK_SECRETS_KEY, 'base64')
        : env.NODE_ENV === 'production'
          ? undefined
          : Buffer.from(DEV_WEBHOOK_SECRETS_KEY, 'base64'),
    },
    settings,
  };
}

/** Injection token of the {@link ServiceConfig}. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Injection token of the service's own validated settings ({@link ServiceDefinition.settings}). */
export const SERVICE_SETTINGS = Symbol('SERVICE_SETTINGS');
