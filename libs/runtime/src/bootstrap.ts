import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ClsService } from 'nestjs-cls';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import {
  ConfigurationError,
  loadServiceConfig,
  SERVICE_CONFIG,
  ServiceConfig,
  ServiceDefinition,
} from './config/service-config';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { createValidationPipe } from './http/validation';
import { MESSAGE_BROKER, MessageBroker } from './kafka/broker';
import { KafkaEventTransport } from './kafka/kafka-event.transport';
import { RethrowRpcFilter } from './kafka/rethrow-rpc.filter';
import { CAUSATION_ID, CORRELATION_ID, REQUEST_ID_HEADER } from './logging/correlation';
import { RuntimeMetrics } from './metrics/runtime-metrics';
import { RuntimeLifecycle } from './runtime.lifecycle';

/** A configured, started service. */
export interface ServiceApp {
  app: INestApplication;
  config: ServiceConfig;
  transport: KafkaEventTransport;
  /** Base URL of the HTTP gateway. */
  url: string;
}

/**
 * Create and start a service: HTTP gateway (validation, auth, request ids,
 * metrics, OpenAPI at /docs) and the Kafka consumer, in one process.
 */
export async function startServiceApp(
  appModule: unknown,
  options: { port?: number } = {},
): Promise<ServiceApp> {
  const app = await NestFactory.create(appModule as never, { bufferLogs: true, abortOnError: false });
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const cls = app.get(ClsService);
  const metrics = app.get(RuntimeMetrics);
  // The request id becomes the correlation id of everything this request causes.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = (req.headers[REQUEST_ID_HEADER] as string | undefined) || randomUUID();
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    const stop = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      stop({ route: `${req.baseUrl ?? ''}${route}`, status: String(res.statusCode) });
    });
    cls.run(() => {
      cls.set(CORRELATION_ID, id);
      cls.set(CAUSATION_ID, id);
      next();
    });
  });
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(config.service.title)
      .setDescription(config.service.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  const transport = new KafkaEventTransport({
    broker: app.get<MessageBroker>(MESSAGE_BROKER),
    config,
    cls,
    metrics,
    sink: app.get(DeadLetterService),
  });
  app.get(DeadLetterService).attachDispatcher(transport);
  app.get(RuntimeLifecycle).attachConsumer(transport);
  // Deferred so the filter is in place before the handlers are wired.
  const microservice = app.connectMicroservice(
    { strategy: transport },
    { inheritAppConfig: false, deferInitialization: true },
  );
  microservice.useGlobalFilters(new RethrowRpcFilter());
  // The application's own init runs the lifecycle hooks; the microservice must not run them again.
  (microservice as unknown as { setIsInitHookCalled(v: boolean): void }).setIsInitHookCalled(true);

  try {
    await app.init();
    await app.startAllMicroservices();
    await app.listen(options.port ?? config.http.port, config.http.host);
  } catch (e) {
    // Leave nothing open behind a failed start (the database connection, Kafka clients).
    await app.close().catch(() => undefined);
    throw e;
  }
  const address = app.getHttpServer().address() as { port: number };
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
  return { app, config, transport, url: `http://${host}:${address.port}` };
}

/**
 * Entry point of a service's main.ts: start it, or print why it cannot start
 * (a configuration error names each variable) and exit non-zero.
 */
export async function bootstrapService(appModule: unknown, service: ServiceDefinition): Promise<void> {
  try {
    // Fail before anything starts, with nothing but the reason.
    loadServiceConfig(service, process.env);
    const { config, url } = await startServiceApp(appModule);
    new NestLogger('Bootstrap').log(`${config.service.name} listening on ${url} (docs: ${url}/docs)`);
  } catch (e) {
    const err = e as Error;
    if (err instanceof ConfigurationError) {
      console.error(`[netdirect] cannot start: ${err.message}`);
    } else {
      console.error(`[netdirect] cannot start: ${err.stack ?? err.message}`);
    }
    process.exit(1);
  }
}
