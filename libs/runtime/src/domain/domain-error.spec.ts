import { errorAnswer } from '../http/http-error.filter';
import { DomainError } from './domain-error';

describe('DomainError', () => {
  it('answers one refusal with its field, several at once with every field and reason', () => {
    expect(errorAnswer(DomainError.rule('status', 'termination is final')).body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'status: termination is final',
      fields: [{ field: 'status', reason: 'termination is final' }],
    });
    const many = DomainError.rules([
      { field: 'items[0].tiers', reason: 'overlap' },
      { field: 'items[2].packSize', reason: 'must not be 0' },
    ]);
    expect(many.kind).toBe('rule');
    expect(errorAnswer(many)).toMatchObject({
      status: 422,
      body: {
        message: 'items[0].tiers: overlap; items[2].packSize: must not be 0',
        fields: [
          { field: 'items[0].tiers', reason: 'overlap' },
          { field: 'items[2].packSize', reason: 'must not be 0' },
        ],
      },
    });
    expect(DomainError.rules([{ field: 'a', reason: 'b' }]).field).toBe('a');
    expect(() => DomainError.rules([])).toThrow();
  });
});
