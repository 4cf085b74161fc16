import '../events';
import { OrderPaid } from '../events/orders/order-paid.event';
import { exampleOf } from '../examples/event-examples';
import { EventRegistry } from '../registry/integration-event.decorator';
import {
  checkEventTopic,
  concernsReadField,
  ContractViolation,
  createEnvelope,
  decodeEnvelope,
  decodePayload,
  headersFor,
  parseEnvelope,
  payloadFields,
} from './envelope-codec';
import { EventHeaders } from './event-envelope';

const ctx = { producer: 'orders', correlationId: 'corr-1', causationId: 'cause-1' } as const;

function violation(fn: () => unknown): ContractViolation {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContractViolation) return e;
    throw e;
  }
  throw new Error('expected a ContractViolation');
}

const valid = () => createEnvelope(OrderPaid, exampleOf('OrderPaid') as unknown as OrderPaid, ctx).envelope;

describe('createEnvelope', () => {
  it('fills the envelope from the payload and context, with the topic key as key', () => {
    const env = valid();
    expect(env).toMatchObject({ type: 'OrderPaid', version: 1, producer: 'orders', key: 'ord_7f3a' });
    expect(env.id).toMatch(/[0-9a-f-]{36}/);
    expect(headersFor(env)).toMatchObject({ [EventHeaders.type]: 'OrderPaid', [EventHeaders.version]: '1' });
  });

  it('is strict for producers: unknown fields are refused', () => {
    const data = { ...exampleOf('OrderPaid'), surprise: true } as unknown as OrderPaid;
    expect(violation(() => createEnvelope(OrderPaid, data, ctx)).kind).toBe('invalid-payload');
  });
});

describe('decodeEnvelope', () => {
  it('reports malformed JSON as malformed-json', () => {
    expect(violation(() => decodeEnvelope('{"id": ')).kind).toBe('malformed-json');
    expect(violation(() => decodeEnvelope(null)).kind).toBe('malformed-json');
  });

  it('reports a value that is not an envelope as invalid-envelope', () => {
    expect(violation(() => decodeEnvelope('[1,2]')).kind).toBe('invalid-envelope');
    expect(violation(() => decodeEnvelope(JSON.stringify({ ...valid(), id: '' }))).kind).toBe('invalid-envelope');
  });

  it('reports an unknown type or version as unknown-type', () => {
    const unknownType = violation(() => decodeEnvelope(JSON.stringify({ ...valid(), type: 'OrderTeleported' })));
    expect(unknownType.kind).toBe('unknown-type');
    expect(unknownType.message).toContain('OrderTeleported');
    const unknownVersion = violation(() => decodeEnvelope(JSON.stringify({ ...valid(), version: 9 })));
    expect(unknownVersion.kind).toBe('unknown-type');
    expect(unknownVersion.message).toContain('version 9');
  });

  it('reports a bad payload as invalid-payload, naming the field', () => {
    const env = valid();
    const bad = { ...env, data: { ...env.data, paymentId: 42 } };
    const v = violation(() => decodeEnvelope(JSON.stringify(bad)));
    expect(v.kind).toBe('invalid-payload');
    expect(v.message).toContain('paymentId');
  });

  it('names nested fields with a dotted path', () => {
    const env = valid();
    const bad = { ...env, data: { ...env.data, amount: { amount: 1, currency: 'euro' } } };
    expect(violation(() => decodeEnvelope(JSON.stringify(bad))).message).toContain('amount.currency');
  });

  it('tolerates unknown extra fields in the envelope and the payload', () => {
    const env = valid();
    const extended = { ...env, traceparent: '00-abc', data: { ...env.data, loyaltyPoints: 12 } };
    const decoded = decodeEnvelope(Buffer.from(JSON.stringify(extended)));
    expect(decoded.descriptor.type).toBe('OrderPaid');
    expect((decoded.payload as OrderPaid).paymentId).toBe('pay_3MtwBwLkdIwHu7ix');
  });

  it('refuses an event on a topic it does not belong to, but allows provider handoff topics', () => {
    expect(violation(() => decodeEnvelope(JSON.stringify(valid()), 'catalog.stock.v1')).kind).toBe('wrong-topic');
    expect(() => decodeEnvelope(JSON.stringify(valid()), 'orders.orders.v1')).not.toThrow();
  });
});

describe('tolerant decoding step by step', () => {
  const descriptor = () => EventRegistry.forClass(OrderPaid);

  it('parses the envelope without judging the payload, so an unknown type can be ignored', () => {
    const env = { ...valid(), type: 'OrderTeleported', data: { anything: true } };
    expect(parseEnvelope(JSON.stringify(env)).type).toBe('OrderTeleported');
    expect(violation(() => parseEnvelope('{"id": ')).kind).toBe('malformed-json');
  });

  it('fails only on the fields a consumer reads', () => {
    const env = valid();
    const data = { ...env.data, paymentProvider: 42, paidAt: 'yesterday', loyaltyTier: 'platinum' };
    const payload = decodePayload(descriptor(), data, { reads: ['orderId', 'amount'] });
    expect(payload).toBeInstanceOf(OrderPaid);
    expect(payload.orderId).toBe(env.data.orderId);
    const v = violation(() => decodePayload(descriptor(), data, { reads: ['orderId', 'paidAt'] }));
    expect(v.kind).toBe('invalid-payload');
    expect(v.message).toContain('paidAt');
    expect(v.message).not.toContain('paymentProvider');
    expect(violation(() => decodePayload(descriptor(), data)).message).toContain('paymentProvider');
  });

  it('reads nested fields by dotted path, in both directions', () => {
    const env = valid();
    const data = { ...env.data, amount: { amount: 1.5, currency: 'EUR' } };
    expect(() => decodePayload(descriptor(), data, { reads: ['amount.currency'] })).not.toThrow();
    expect(violation(() => decodePayload(descriptor(), data, { reads: ['amount'] })).message).toContain('amount.amount');
    const missing = { ...env.data, amount: undefined };
    expect(violation(() => decodePayload(descriptor(), missing, { reads: ['amount.currency'] })).message).toContain('amount');
    expect(concernsReadField('parcels.0.weight', ['parcels'])).toBe(true);
    expect(concernsReadField('amountDue', ['amount'])).toBe(false);
  });

  it('refuses a payload that is not an object', () => {
    expect(violation(() => decodePayload(descriptor(), 'x')).kind).toBe('invalid-payload');
  });

  it('lists the fields a payload class declares', () => {
    expect(payloadFields(OrderPaid)).toEqual(['amount', 'orderId', 'paidAt', 'paymentId', 'paymentProvider']);
  });

  it('allows any event on a provider handoff topic, and no other foreign topic', () => {
    expect(() => checkEventTopic(descriptor(), 'logistics.handoff.fastship.v1')).not.toThrow();
    expect(violation(() => checkEventTopic(descriptor(), 'catalog.stock.v1')).kind).toBe('wrong-topic');
  });
});
