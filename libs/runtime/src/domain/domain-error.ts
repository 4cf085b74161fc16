/**
 * What kind of refusal a domain error is. The HTTP gateway maps each kind to
 * one status (see {@link DOMAIN_ERROR_STATUS}); a consumer treats every kind
 * but `conflict` as permanent (dead letter at once) and a `conflict` (the
 * aggregate changed between read and write) as worth another attempt.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'forbidden' | 'conflict' | 'rule';

/** HTTP status of each {@link DomainErrorKind}. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = Object.freeze({
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
});

/**
 * A refusal by the domain: an aggregate's rule, a missing aggregate, a caller
 * who may not act, or a concurrent change. Domain code returns or throws it
 * and never an HTTP exception; the runtime's error filter and consumer decide
 * what it means for their transport.
 *
 * ```ts
 * if (this.status === 'terminated') return DomainError.rule('status', 'termination is final');
 * ```
 */
export class DomainError extends Error {
  /** Every field and reason when one answer refuses several fields at once (see {@link DomainError.rules}). */
  readonly fields?: readonly { field: string; reason: string }[];

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** The request or aggregate field the refusal is about, when there is one. */
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'DomainError';
  }

  /**
   * Several business rules refuse the change at once (422 listing them all):
   * a price list that breaks many rules tells its sender every one in one answer.
   */
  static rules(fields: { field: string; reason: string }[]): DomainError {
    if (fields.length === 0) throw new Error('DomainError.rules needs at least one refusal');
    if (fields.length === 1) return DomainError.rule(fields[0].field, fields[0].reason);
    const error = new DomainError('rule', fields.map((f) => `${f.field}: ${f.reason}`).join('; '));
    (error as { fields?: readonly { field: string; reason: string }[] }).fields = fields.map((f) => ({ ...f }));
    return error;
  }

  /** The reason without the field prefix. */
  get reason(): string {
    return this.field ? this.message.slice(this.field.length + 2) : this.message;
  }

  /** A business rule refuses the change (422). */
  static rule(field: string | undefined, reason: string): DomainError {
    return new DomainError('rule', reason, field);
  }

  /** The input is malformed in a way validation could not see (400). */
  static invalid(field: string | undefined, reason: string): DomainError {
    return new DomainError('invalid', reason, field);
  }

  static notFound(message: string): DomainError {
    return new DomainError('not-found', message);
  }

  static forbidden(message: string): DomainError {
    return new DomainError('forbidden', message);
  }

  /** The aggregate changed between read and write, or a unique fact already exists (409). */
  static conflict(message: string): DomainError {
    return new DomainError('conflict', message);
  }
}

/** Narrow a value that is either a result or a domain error. */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
