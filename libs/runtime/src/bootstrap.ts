import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { ClsService } from 'nestjs-cls';
import { Logger, PinoLogger } from 'nestjs-pino';
import {
  ConfigurationError,
  loadServiceConfig,
  SERVICE_CONFIG,
  ServiceConfig,
  ServiceDefinition,
} from './config/service-config';
import { DeferredEvents } from './consumer/deferred-events.service';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { HttpErrorFilter } from './http/http-error.filter';
import { openApiDocument } from './http/openapi';
import { jsonBody, methodNotAllowed, requestContext, requireJsonBody, RouteTable } from './http/request-pipeline';
import { createValidationPipe } from './http/validation';
import { MESSAGE_BROKER, MessageBroker } from './kafka/broker';
import { BroadcastSubscription } from './kafka/broadcast-subscription';
import { KafkaEventTransport } from './kafka/kafka-event.transport';
import { RethrowRpcFilter } from './kafka/rethrow-rpc.filter';
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
  const app = await NestFactory.create(appModule as never, {
    bufferLogs: true,
    abortOnError: false,
    // Our own parser (jsonBody): it keeps req.rawBody for signed webhooks and names its refusals.
    bodyParser: false,
  });
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  app.useLogger(app.get(Logger));

  // Order matters: the request id and metrics first, then the media type, before Nest's JSON parser.
  const routes = new RouteTable(app);
  app.use(requestContext(routes, app.get(ClsService), app.get(RuntimeMetrics)));
  app.use(methodNotAllowed(routes));
  app.use(requireJsonBody);
  app.use(...jsonBody());
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(createValidationPipe());

  const document = openApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  const transport = new KafkaEventTransport({
    broker: app.get<MessageBroker>(MESSAGE_BROKER),
    config,
    cls: app.get(ClsService),
    metrics: app.get(RuntimeMetrics),
    sink: app.get(DeadLetterService),
    parking: app.get(DeferredEvents),
    broadcast: app.get(BroadcastSubscription),
  });
  // Dead-letter replays and the retries of parked messages run through the same handlers.
  app.get(DeadLetterService).attachDispatcher(transport);
  app.get(DeferredEvents).attachDispatcher(transport);
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
 * (a configuration error names each variable) and exit non-zero. On SIGTERM
 * or SIGINT it stops in order (see RuntimeLifecycle), flushes the log and
 * exits 0; a second signal exits at once with 1.
 */
export async function bootstrapService(appModule: unknown, service: ServiceDefinition): Promise<void> {
  let started: ServiceApp;
  try {
    // Fail before anything starts, with nothing but the reason.
    loadServiceConfig(service, process.env);
    started = await startServiceApp(appModule);
  } catch (e) {
    const err = e as Error;
    if (err instanceof ConfigurationError) {
      console.error(`[netdirect] cannot start: ${err.message}`);
    } else {
      console.error(`[netdirect] cannot start: ${err.stack ?? err.message}`);
    }
    process.exit(1);
  }
  const { app, config, url } = started;
  new NestLogger('Bootstrap').log(`${config.service.name} listening on ${url} (docs: ${url}/docs)`);
  stopOnSignals(app);
}

function stopOnSignals(app: INestApplication): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`[netdirect] ${signal} again: exiting without finishing the shutdown`);
      process.exit(1);
    }
    stopping = true;
    // The signal reaches the shutdown hooks (NestApplicationContext.close takes it).
    (app as unknown as { close(signal?: string): Promise<void> })
      .close(signal)
      .then(
        () => 0,
        (e: Error) => {
          console.error(`[netdirect] shutdown failed: ${e.stack ?? e.message}`);
          return 1;
        },
      )
      .then((code) => PinoLogger.root.flush(() => process.exit(code)));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
