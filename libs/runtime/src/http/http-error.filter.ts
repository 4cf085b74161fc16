import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DOMAIN_ERROR_STATUS, DomainError } from '../domain/domain-error';
import { ErrorBody } from './error-body';
import { FieldError } from './validation';

/** The status and body of an error answer, and whether the client caused it. */
export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
}

/**
 * The readiness report of `/health/ready` (terminus's `{ status, info, error,
 * details }`): a 503 there is a report that monitors parse, not a refusal, so
 * it keeps its documented shape.
 */
function isHealthReport(response: unknown): boolean {
  const r = response as { status?: unknown; details?: unknown } | null;
  return typeof r === 'object' && r !== null && (r.status === 'error' || r.status === 'ok') && typeof r.details === 'object';
}

function bodyOf(status: number, message: string, fields?: FieldError[]): ErrorAnswer {
  return {
    status,
    body: {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message,
      ...(fields?.length ? { fields } : {}),
    },
  };
}

/** Errors of the body parser (http-errors with a `type`), named by what the client did. */
function parserAnswer(e: { type?: string; status?: number; limit?: number }): ErrorAnswer | undefined {
  switch (e.type) {
    case 'entity.parse.failed':
      return bodyOf(400, 'body: is not valid JSON', [{ field: 'body', reason: 'is not valid JSON' }]);
    case 'entity.too.large':
      return bodyOf(413, `body: larger than the ${e.limit ?? ''} bytes this service accepts`.replace('  ', ' '));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return bodyOf(415, 'body: must be JSON in UTF-8 without a content encoding');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return bodyOf(400, 'body: the request body was incomplete');
    default:
      return undefined;
  }
}

/**
 * Map anything thrown while serving a request to the one error body shape,
 * `{ statusCode, error, message, fields? }`: a NestJS HTTP exception, a
 * {@link DomainError} (its kind decides the status), an error of the body
 * parser, or an unexpected error (500, with no detail for the client).
 */
export function errorAnswer(exception: unknown): ErrorAnswer {
  if (exception instanceof DomainError) {
    const fields = exception.fields
      ? [...exception.fields]
      : exception.field
        ? [{ field: exception.field, reason: exception.reason }]
        : undefined;
    return bodyOf(DOMAIN_ERROR_STATUS[exception.kind], exception.message, fields);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse() as string | { message?: unknown; fields?: FieldError[] };
    if (isHealthReport(response)) return { status, body: response as unknown as ErrorBody };
    const raw = typeof response === 'string' ? response : (response.message ?? exception.message);
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
    return bodyOf(status, message, typeof response === 'object' ? response.fields : undefined);
  }
  const parser = parserAnswer(exception as { type?: string });
  if (parser) return parser;
  const e = exception as { status?: number; expose?: boolean; message?: string };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose) {
    return bodyOf(e.status, e.message ?? STATUS_CODES[e.status] ?? 'Client error');
  }
  return bodyOf(500, 'Internal error; quote the x-request-id header of this answer when reporting it');
}

const logger = new Logger('HTTP');

/**
 * Answer an error and log it: a client error (4xx) at warn, one line without
 * a stack; a server error at error, with the stack.
 */
export function answerError(exception: unknown, req: Request, res: Response): void {
  const { status, body } = errorAnswer(exception);
  if (status >= 500) {
    logger.error(`${req.method} ${req.originalUrl} → ${status}`, (exception as Error)?.stack ?? String(exception));
  } else {
    logger.warn(`${req.method} ${req.originalUrl} → ${status}: ${body.message}`);
  }
  if (res.headersSent) return;
  res.status(status).json(body);
}

/** The global exception filter of every HTTP gateway (see {@link errorAnswer}). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerError(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
