import { ClsServiceManager } from 'nestjs-cls';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { ServiceConfig } from '../config/service-config';
import { CAUSATION_ID, CORRELATION_ID, REQUEST_ID_HEADER } from './correlation';

/** nestjs-pino options: JSON logs carrying service, correlation and causation ids; no secrets. */
export function loggerOptions(config: ServiceConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { service: config.service.name },
      // The bootstrap's request-id middleware runs first and guarantees the header.
      genReqId: (req: IncomingMessage) => req.headers[REQUEST_ID_HEADER] as string,
      mixin: () => {
        const cls = ClsServiceManager.getClsService();
        if (!cls?.isActive()) return {};
        return { correlationId: cls.get(CORRELATION_ID), causationId: cls.get(CAUSATION_ID) };
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: {
        ignore: (req: IncomingMessage) =>
          Boolean(req.url?.startsWith('/health') || req.url?.startsWith('/metrics')),
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
    },
  };
}
