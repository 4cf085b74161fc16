import { DomainError } from '../domain/domain-error';

/**
 * A failure that retrying cannot fix: the message breaks a business rule or is
 * invalid for this consumer. The runtime dead-letters it at once with the reason.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/**
 * Whether retrying cannot help, so the message is dead-lettered at once.
 * Unknown errors are assumed transient. A {@link DomainError} is permanent
 * except a `conflict` (the aggregate changed between read and write: the next
 * attempt reads it again).
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentError) return true;
  if (error instanceof DomainError) return error.kind !== 'conflict';
  const e = error as { name?: string; status?: number; getStatus?: () => number };
  // A NestJS HTTP 4xx thrown from a use case reused by a consumer is a business refusal.
  const status = typeof e?.getStatus === 'function' ? e.getStatus() : undefined;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return true;
  // mongoose validation and cast errors do not heal with time.
  return e?.name === 'ValidationError' || e?.name === 'CastError';
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): exponential, capped, with ±20% jitter. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs = 10000, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  const jitter = exp * 0.2 * (random() * 2 - 1);
  return Math.max(0, Math.round(exp + jitter));
}

/** True when a MongoDB error is a duplicate key (unique index) violation. */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { code?: number; writeErrors?: { code?: number }[] };
  return e?.code === 11000 || Boolean(e?.writeErrors?.some((w) => w.code === 11000));
}
