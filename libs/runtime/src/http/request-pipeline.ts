import { HttpException, INestApplication, UnsupportedMediaTypeException } from '@nestjs/common';
import { json, NextFunction, Request, RequestHandler, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { match, MatchFunction } from 'path-to-regexp';
import { errorAnswer } from './http-error.filter';
import { CAUSATION_ID, CORRELATION_ID, REQUEST_ID_HEADER } from '../logging/correlation';
import { RuntimeMetrics } from '../metrics/runtime-metrics';

/**
 * An incoming request id we adopt: short, and only characters that are safe
 * in a header, a log line and an event envelope (whose ids are at most 128).
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id if it is acceptable, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}

/** Nest's not-found handler matches every path; a request that reaches it matched no route. */
const isCatchAll = (path: string) => path.startsWith('/{*') || path === '*' || path === '/*';

type RouteMatcher = { methods: Set<string>; path: string; params: number; matches: MatchFunction<object> };

/**
 * The application's routes, read from the router once it is built: which
 * route pattern a path is, and which methods it allows.
 */
export class RouteTable {
  private routes?: RouteMatcher[];

  constructor(private readonly app: INestApplication) {}

  /**
   * The route pattern a request was for, also when it failed before routing
   * (a body the parser refused): from `req.route` when the router got that
   * far, else by matching the path; `unmatched` when no route has the path.
   */
  labelOf(req: Request): string {
    const matched = req.route?.path as string | undefined;
    if (matched && !isCatchAll(matched)) return `${req.baseUrl ?? ''}${matched}`;
    const found = this.load().find((r) => r.methods.has(req.method) && r.matches(req.path));
    return found?.path ?? 'unmatched';
  }

  /**
   * The methods this path's resource allows (HEAD wherever GET is); empty if
   * no route has the path. The most specific patterns win: on
   * `/ops/dead-letters/replay` the literal route speaks, not `/ops/dead-letters/:id`.
   */
  allowedMethods(path: string): string[] {
    const matching = this.load().filter((r) => r.matches(path));
    const fewest = Math.min(...matching.map((r) => r.params));
    const methods = new Set<string>();
    for (const r of matching) if (r.params === fewest) r.methods.forEach((m) => methods.add(m));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }

  private load(): RouteMatcher[] {
    if (this.routes) return this.routes;
    const express = this.app.getHttpAdapter().getInstance() as {
      router?: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    this.routes = (express.router?.stack ?? [])
      .filter((layer) => layer.route && typeof layer.route.path === 'string' && !isCatchAll(layer.route.path))
      .map((layer) => ({
        path: layer.route!.path,
        params: (layer.route!.path.match(/[:*]/g) ?? []).length,
        methods: new Set(Object.keys(layer.route!.methods).map((m) => m.toUpperCase())),
        matches: match(layer.route!.path, { decode: false }),
      }));
    return this.routes;
  }
}

/**
 * A known path asked with a method it does not serve: 405 with an `Allow`
 * header (not the 404 of an unknown path), as HTTP says and API clients and
 * checkers expect.
 */
export function methodNotAllowed(routes: RouteTable) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const allowed = routes.allowedMethods(req.path);
    if (allowed.length === 0 || allowed.includes(req.method)) return next();
    res.setHeader('Allow', allowed.join(', '));
    next(new HttpException(`${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}`, 405));
  };
}

/**
 * The first middleware of every request: adopt or make the request id (the
 * correlation id of everything the request causes), echo it, time the request
 * for metrics under its route, and run the rest inside a CLS context.
 */
export function requestContext(routes: RouteTable, cls: ClsService, metrics: RuntimeMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    const stop = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => stop({ route: routes.labelOf(req), status: String(res.statusCode) }));
    cls.run(() => {
      cls.set(CORRELATION_ID, id);
      cls.set(CAUSATION_ID, id);
      next();
    });
  };
}

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/** Whether a request carries a body (a length above zero, or chunked). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Every gateway speaks JSON: a body of another type is 415, before any
 * parser could read it as an empty object and answer with a misleading 400.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req) && !JSON_TYPE.test(req.headers['content-type'] ?? '')) {
    next(
      new UnsupportedMediaTypeException(
        `content-type: a request body must be application/json, not ${req.headers['content-type'] ?? 'unspecified'}`,
      ),
    );
    return;
  }
  next();
}

/** Largest JSON body a gateway reads. */
export const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * The JSON body parser of every gateway, keeping the exact bytes as
 * `req.rawBody` for routes that verify a signature over them, followed by a
 * handler that turns the parser's refusals into the error body shape before
 * NestJS would wrap them with the parser's own text.
 */
export function jsonBody(): [RequestHandler, (err: unknown, req: Request, res: Response, next: NextFunction) => void] {
  const parse = json({
    limit: BODY_LIMIT_BYTES,
    verify: (req, _res, buf) => {
      (req as Request & { rawBody?: Buffer }).rawBody = buf;
    },
  });
  const refusals = (err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const type = (err as { type?: string })?.type;
    if (typeof type !== 'string') return next(err);
    const { status, body } = errorAnswer(err);
    next(new HttpException(body, status));
  };
  return [parse, refusals];
}
