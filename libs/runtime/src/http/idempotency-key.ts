import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../domain/domain-error';

/** 1–128 of letters, digits and `._:-` (a UUID fits): the same alphabet as request ids. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The caller's `Idempotency-Key` header, or undefined when it sent none; a
 * malformed key is a 400 naming the header. A use case derives the ids of
 * what the request creates from it, so a retried request (a timeout, a lost
 * answer) finds its first effect instead of making a second one.
 *
 * ```ts
 * @Post(':skuId/adjustments')
 * @AcceptsIdempotencyKey()
 * adjust(@Body() body: AdjustStockRequest, @IdempotencyKey() key?: string) { ... }
 * ```
 */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value))
    throw DomainError.invalid(IDEMPOTENCY_KEY_HEADER, 'must be given once, 1-128 characters of letters, digits and ._:-');
  return value;
});

/** Documents the optional `Idempotency-Key` header of a route that honours it. */
export function AcceptsIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description: 'Makes a retry of this request safe: the same key answers with the first effect instead of repeating it.',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, maxLength: 128 },
    }),
  );
}
