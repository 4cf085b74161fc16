import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';
import type { ServiceName } from '@netdirect/contracts';

/** Secret used to sign and verify tokens when JWT_SECRET is not set outside production. */
export const DEV_JWT_SECRET = 'netdirect-local-development-secret-do-not-use-in-production';

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

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60000)
  CONSUMER_RETRY_BASE_MS = 200;

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
}

/** Fixed facts about a service, given by its own code (not by ops). */
export interface ServiceDefinition {
  name: ServiceName;
  /** Default HTTP port (HTTP_PORT overrides). */
  defaultHttpPort: number;
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
  };
  consumer: { maxAttempts: number; retryBaseMs: number };
  mongo: { url: string; dbName: string };
  outbox: { pollMs: number; leaseMs: number };
  auth: { secret: string; issuer: string };
  logLevel: string;
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
    },
    consumer: { maxAttempts: env.CONSUMER_MAX_ATTEMPTS, retryBaseMs: env.CONSUMER_RETRY_BASE_MS },
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB ?? `netdirect_${service.name}` },
    outbox: { pollMs: env.OUTBOX_POLL_MS, leaseMs: env.OUTBOX_LEASE_MS },
    auth: { secret: env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: env.JWT_ISSUER },
    logLevel: env.LOG_LEVEL,
    settings,
  };
}

/** Injection token of the {@link ServiceConfig}. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Injection token of the service's own validated settings ({@link ServiceDefinition.settings}). */
export const SERVICE_SETTINGS = Symbol('SERVICE_SETTINGS');
