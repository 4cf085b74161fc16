import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { DomainError } from '../domain/domain-error';
import { isDuplicateKeyError, isPermanent, PermanentError, retryDelayMs } from './errors';
import { PrerequisiteMissing } from './prerequisite-missing';

describe('consumer error sorting', () => {
  it('treats PermanentError and 4xx as permanent, everything else as transient', () => {
    expect(isPermanent(new PermanentError('no'))).toBe(true);
    expect(isPermanent(new BadRequestException('bad'))).toBe(true);
    expect(isPermanent(new ServiceUnavailableException())).toBe(false);
    expect(isPermanent(new Error('ECONNRESET'))).toBe(false);
    expect(isPermanent(Object.assign(new Error('x'), { name: 'ValidationError' }))).toBe(true);
  });

  it('treats every domain error as permanent except a conflict, which is worth another attempt', () => {
    expect(isPermanent(DomainError.rule('status', 'termination is final'))).toBe(true);
    expect(isPermanent(DomainError.invalid('amount', 'negative'))).toBe(true);
    expect(isPermanent(DomainError.notFound('no member m-1'))).toBe(true);
    expect(isPermanent(DomainError.forbidden('not yours'))).toBe(true);
    expect(isPermanent(DomainError.conflict('member m-1 changed'))).toBe(false);
  });

  it('does not treat a missing prerequisite as permanent (the consumer parks it instead)', () => {
    expect(isPermanent(new PrerequisiteMissing('order o-1 not placed yet'))).toBe(false);
  });

  it('backs off exponentially within a cap', () => {
    const mid = () => 0.5;
    expect(retryDelayMs(1, 200, 10000, mid)).toBe(200);
    expect(retryDelayMs(2, 200, 10000, mid)).toBe(400);
    expect(retryDelayMs(3, 200, 10000, mid)).toBe(800);
    expect(retryDelayMs(20, 200, 10000, mid)).toBe(10000);
    for (let a = 1; a < 10; a++) {
      const d = retryDelayMs(a, 200, 10000);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(12000);
    }
  });

  it('recognises duplicate key errors', () => {
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
    expect(isDuplicateKeyError({ writeErrors: [{ code: 11000 }] })).toBe(true);
    expect(isDuplicateKeyError(new Error('x'))).toBe(false);
  });
});
