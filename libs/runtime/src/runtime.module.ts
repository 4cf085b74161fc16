import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { CLOCK } from './clock/clock';
import { clockProvider } from './clock/clock.provider';
import {
  loadServiceConfig,
  SERVICE_CONFIG,
  SERVICE_SETTINGS,
  ServiceConfig,
  ServiceDefinition,
} from './config/service-config';
import { DeadLetter, DeadLetterSchema } from './dead-letters/dead-letter.schema';
import { DeferredEvent, DeferredEventSchema } from './consumer/deferred-event.schema';
import { DeferredEvents } from './consumer/deferred-events.service';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { ReadinessChecks } from './health/readiness-checks';
import { BroadcastSubscription } from './kafka/broadcast-subscription';
import { MESSAGE_BROKER } from './kafka/broker';
import { KafkajsBroker } from './kafka/kafkajs-broker';
import { loggerOptions } from './logging/logger-options';
import { MetricsController } from './metrics/metrics.controller';
import { RuntimeMetrics } from './metrics/runtime-metrics';
import { EventRecorder } from './outbox/event-recorder';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { RuntimeLifecycle } from './runtime.lifecycle';

/**
 * Everything a NetDirect service shares: validated configuration, JSON logs
 * with correlation ids, the database connection, Kafka, the outbox relay,
 * dead letters, JWT auth on every route, health and metrics. A service's
 * AppModule imports `RuntimeModule.forService({...})` once.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forService(service: ServiceDefinition): DynamicModule {
    const configProvider = {
      provide: SERVICE_CONFIG,
      // Read at instantiation (not import) time, so tests can set the environment first.
      useFactory: () => loadServiceConfig(service, process.env),
    };
    return {
      module: RuntimeModule,
      imports: [
        ClsModule.forRoot({ global: true, middleware: { mount: false } }),
        LoggerModule.forRootAsync({
          providers: [configProvider],
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => loggerOptions(config),
        }),
        MongooseModule.forRootAsync({
          useFactory: () => {
            const config = loadServiceConfig(service, process.env);
            return {
              uri: config.mongo.url,
              dbName: config.mongo.dbName,
              serverSelectionTimeoutMS: 5000,
              retryAttempts: 3,
              retryDelay: 1000,
            };
          },
        }),
        MongooseModule.forFeature([{ name: DeadLetter.name, schema: DeadLetterSchema }]),
        MongooseModule.forFeature([{ name: DeferredEvent.name, schema: DeferredEventSchema }]),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        // A KeyObject made once: given the secret as a string, jsonwebtoken first tries it as a
        // public key on every verify, and that failed attempt cost about 0.9 ms of CPU a request.
        JwtModule.registerAsync({
          useFactory: () => ({
            secret: createSecretKey(Buffer.from(loadServiceConfig(service, process.env).auth.secret, 'utf8')),
          }),
        }),
      ],
      controllers: [HealthController, MetricsController, DeadLettersController],
      providers: [
        configProvider,
        {
          provide: SERVICE_SETTINGS,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => config.settings ?? {},
        },
        { provide: RuntimeMetrics, useFactory: () => new RuntimeMetrics(service.name) },
        {
          provide: MESSAGE_BROKER,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            new KafkajsBroker({
              clientId: config.kafka.clientId,
              brokers: config.kafka.brokers,
              logger: pino({ level: config.logLevel, base: { service: service.name } }),
            }),
        },
        KafkaHealthIndicator,
        ReadinessChecks,
        EventRecorder,
        OutboxRelay,
        DeadLetterService,
        DeferredEvents,
        RuntimeLifecycle,
        BroadcastSubscription,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        clockProvider,
      ],
      exports: [
        SERVICE_CONFIG,
        SERVICE_SETTINGS,
        RuntimeMetrics,
        MESSAGE_BROKER,
        EventRecorder,
        OutboxRelay,
        DeadLetterService,
        DeferredEvents,
        BroadcastSubscription,
        ReadinessChecks,
        JwtModule,
        CLOCK,
      ],
    };
  }
}
