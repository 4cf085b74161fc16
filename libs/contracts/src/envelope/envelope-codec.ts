import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EventDescriptor, EventRegistry } from '../registry/integration-event.decorator';
import { ServiceName } from '../topics/topic-definition';
import { EventEnvelope, EventHeaders } from './event-envelope';

/** Why a message could not be decoded. `kind` lets a consumer sort and count failures. */
export class ContractViolation extends Error {
  constructor(
    readonly kind: 'malformed-json' | 'invalid-envelope' | 'unknown-type' | 'invalid-payload' | 'wrong-topic',
    message: string,
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Flatten class-validator errors into `field: reason` strings (nested fields dotted). */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      for (const msg of Object.values(e.constraints)) out.push(`${path}: ${msg}`);
    }
    if (e.children?.length) out.push(...describeValidationErrors(e.children, path));
  }
  return out;
}

/** Context an event is recorded in: who produces it and what caused it. */
export interface EventContext {
  producer: ServiceName;
  correlationId: string;
  causationId: string;
  /** Defaults to a random UUID; give a derived id to make re-recording idempotent. */
  id?: string;
  occurredAt?: Date;
}

/**
 * Validate a payload against its class and wrap it in an envelope. Producers
 * are strict: an unknown or invalid field throws here, before anything is
 * written.
 */
export function createEnvelope<T extends object>(
  payloadClass: new () => T,
  data: T,
  ctx: EventContext,
): { descriptor: EventDescriptor<T>; envelope: EventEnvelope<T> } {
  const descriptor = EventRegistry.forClass(payloadClass);
  const instance = plainToInstance(payloadClass, data);
  const errors = validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    throw new ContractViolation(
      'invalid-payload',
      `${descriptor.type} v${descriptor.version}: ${describeValidationErrors(errors).join('; ')}`,
    );
  }
  const key = (data as Record<string, unknown>)[descriptor.topic.key];
  if (typeof key !== 'string' || key.length === 0) {
    throw new ContractViolation(
      'invalid-payload',
      `${descriptor.type}: field "${descriptor.topic.key}" (the key of ${descriptor.topic.name}) must be a non-empty string`,
    );
  }
  const envelope: EventEnvelope<T> = {
    id: ctx.id ?? randomUUID(),
    type: descriptor.type,
    version: descriptor.version,
    occurredAt: (ctx.occurredAt ?? new Date()).toISOString(),
    producer: ctx.producer,
    key,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    data,
  };
  return { descriptor, envelope };
}

/** Kafka headers for an envelope (strings; the runtime encodes them). */
export function headersFor(envelope: EventEnvelope<object>): Record<string, string> {
  return {
    [EventHeaders.eventId]: envelope.id,
    [EventHeaders.type]: envelope.type,
    [EventHeaders.version]: String(envelope.version),
    [EventHeaders.correlationId]: envelope.correlationId,
    [EventHeaders.causationId]: envelope.causationId,
    [EventHeaders.producer]: envelope.producer,
    [EventHeaders.contentType]: 'application/json',
  };
}

/** A decoded, validated message: the envelope and its payload as an instance of the payload class. */
export interface DecodedEvent<T extends object = object> {
  envelope: EventEnvelope<T>;
  descriptor: EventDescriptor<T>;
  payload: T;
}

/**
 * Parse and validate a message value. Consumers are tolerant readers: unknown
 * fields are ignored, but a missing or invalid known field, an unknown type, or
 * an event on a topic it does not belong to is a ContractViolation.
 */
export function decodeEnvelope(value: Buffer | string | null, topicName?: string): DecodedEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(value === null ? '' : value.toString('utf8'));
  } catch (e) {
    throw new ContractViolation('malformed-json', `value is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContractViolation('invalid-envelope', 'value must be a JSON object');
  }
  const envelope = plainToInstance(EventEnvelope, raw) as EventEnvelope<object>;
  const envErrors = validateSync(envelope);
  if (envErrors.length) {
    throw new ContractViolation('invalid-envelope', describeValidationErrors(envErrors).join('; '));
  }
  const descriptor = EventRegistry.find(envelope.type, envelope.version);
  if (!descriptor) {
    const why = EventRegistry.knowsType(envelope.type)
      ? `event ${envelope.type} has no version ${envelope.version}`
      : `unknown event type ${envelope.type}`;
    throw new ContractViolation('unknown-type', why);
  }
  if (topicName && descriptor.topic.name !== topicName && !topicName.startsWith('logistics.handoff.')) {
    throw new ContractViolation('wrong-topic', `${descriptor.type} belongs on ${descriptor.topic.name}, not ${topicName}`);
  }
  const payload = plainToInstance(descriptor.payload, (raw as { data: object }).data);
  const errors = validateSync(payload);
  if (errors.length) {
    throw new ContractViolation(
      'invalid-payload',
      `${descriptor.type} v${descriptor.version}: ${describeValidationErrors(errors).join('; ')}`,
    );
  }
  return { envelope, descriptor, payload };
}
