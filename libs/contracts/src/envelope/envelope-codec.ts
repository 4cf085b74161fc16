import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError, ValidatorOptions } from 'class-validator';
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

/** One failed constraint: the dotted path of the field (array items by index) and the reason. */
export interface FieldFailure {
  path: string;
  message: string;
}

/** Flatten class-validator errors into one entry per failed constraint. */
export function validationFailures(errors: ValidationError[], prefix = ''): FieldFailure[] {
  const out: FieldFailure[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      for (const message of Object.values(e.constraints)) out.push({ path, message });
    }
    if (e.children?.length) out.push(...validationFailures(e.children, path));
  }
  return out;
}

/** Flatten class-validator errors into `field: reason` strings (nested fields dotted). */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return validationFailures(errors, prefix).map((f) => `${f.path}: ${f.message}`);
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
  // The ids come from outside (a request id, a consumed message): an envelope that breaks its own
  // schema must fail here, where the caller can answer 500, never on a topic where it poisons consumers.
  const envErrors = validateSync(plainToInstance(EventEnvelope, envelope) as object);
  if (envErrors.length) {
    throw new ContractViolation(
      'invalid-envelope',
      `${descriptor.type} v${descriptor.version}: ${describeValidationErrors(envErrors).join('; ')}`,
    );
  }
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
 * Consumers never refuse what they do not understand: no whitelist, and values
 * of classes without metadata are not an error. Only declared constraints count.
 */
const TOLERANT: ValidatorOptions = { whitelist: false, forbidNonWhitelisted: false, forbidUnknownValues: false };

/**
 * Parse a message value and validate the envelope, not the payload: the first
 * step of a tolerant consumer, which then decides from `type` and `version`
 * whether the event is its business at all. Throws a ContractViolation
 * (`malformed-json` or `invalid-envelope`).
 */
export function parseEnvelope(value: Buffer | string | null): EventEnvelope<object> {
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
  const envErrors = validateSync(envelope, TOLERANT);
  if (envErrors.length) {
    throw new ContractViolation('invalid-envelope', describeValidationErrors(envErrors).join('; '));
  }
  // The payload stays as sent; decodePayload turns it into an instance.
  envelope.data = (raw as { data: object }).data;
  return envelope;
}

/**
 * Throws `wrong-topic` when an event arrives on a topic it does not belong to.
 * A logistics provider's handoff topic (`logistics.handoff.<provider>.v1`)
 * carries events of another topic unchanged, so any event is allowed there.
 */
export function checkEventTopic(descriptor: EventDescriptor, topicName: string): void {
  if (descriptor.topic.name !== topicName && !topicName.startsWith('logistics.handoff.')) {
    throw new ContractViolation('wrong-topic', `${descriptor.type} belongs on ${descriptor.topic.name}, not ${topicName}`);
  }
}

/** Whether a failure at `path` concerns one of the fields a consumer reads (a read field, inside it, or around it). */
export function concernsReadField(path: string, reads: readonly string[]): boolean {
  return reads.some((r) => path === r || path.startsWith(`${r}.`) || r.startsWith(`${path}.`));
}

/**
 * Validate a payload against its contract class and return it as an instance
 * of that class. With `reads`, only failures in those fields (top-level names
 * or dotted paths) refuse the event: a consumer is not stopped by a field it
 * does not read, e.g. an enum value added by a newer producer. Without
 * `reads`, every field counts. Unknown fields are never an error. Throws
 * `invalid-payload` naming each failed field.
 */
export function decodePayload<T extends object>(
  descriptor: EventDescriptor<T>,
  data: unknown,
  options: { reads?: readonly string[] } = {},
): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ContractViolation('invalid-payload', `${descriptor.type} v${descriptor.version}: data must be an object`);
  }
  const payload = plainToInstance(descriptor.payload, data);
  let failures = validationFailures(validateSync(payload, TOLERANT));
  if (options.reads) failures = failures.filter((f) => concernsReadField(f.path, options.reads!));
  if (failures.length) {
    throw new ContractViolation(
      'invalid-payload',
      `${descriptor.type} v${descriptor.version}: ${failures.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    );
  }
  return payload;
}

/**
 * The top-level fields a payload class declares (those with a validation
 * decorator), e.g. to check the `reads` of a consumer against the contract.
 */
export function payloadFields(payloadClass: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(payloadClass, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

/**
 * Parse and validate a message value. Consumers are tolerant readers: unknown
 * fields are ignored, but a missing or invalid known field (among `reads`, if
 * given), an unknown type, or an event on a topic it does not belong to is a
 * ContractViolation. The runtime's consumer takes these steps one by one
 * (parseEnvelope, checkEventTopic, decodePayload) so that it can ignore an
 * event type it does not handle instead of refusing it.
 */
export function decodeEnvelope(
  value: Buffer | string | null,
  topicName?: string,
  options: { reads?: readonly string[] } = {},
): DecodedEvent {
  const envelope = parseEnvelope(value);
  const descriptor = EventRegistry.find(envelope.type, envelope.version);
  if (!descriptor) {
    const why = EventRegistry.knowsType(envelope.type)
      ? `event ${envelope.type} has no version ${envelope.version}`
      : `unknown event type ${envelope.type}`;
    throw new ContractViolation('unknown-type', why);
  }
  if (topicName) checkEventTopic(descriptor, topicName);
  const payload = decodePayload(descriptor, envelope.data, options);
  return { envelope, descriptor, payload };
}
