import { EventPattern } from '@nestjs/microservices';
import { DecodedEvent, EventRegistry, payloadFields } from '@netdirect/contracts';

/** The message pattern under which a handler for an event type and version is registered. */
export function eventPattern(type: string, version: number, options: { broadcast?: boolean } = {}): string {
  // Broadcast handlers get patterns of their own: the same event may also have a group handler.
  return `${options.broadcast ? 'broadcast:' : ''}${type}@v${version}`;
}

type FieldOf<T> = Extract<keyof T, string>;

/** A payload field a handler reads: a top-level field, or a dotted path into one. */
export type ReadField<T> = FieldOf<T> | `${FieldOf<T>}.${string}`;

export interface OnEventOptions<T> {
  /**
   * The payload fields the handler reads. Only a contract failure in one of
   * these dead-letters the message; an invalid or unknown value elsewhere (an
   * enum value a newer producer added, say) does not stop this consumer.
   * Defaults to every field of the payload class.
   */
  reads?: readonly ReadField<T>[];
  /**
   * Run in every replica, not in one of the group: for state each replica
   * keeps in memory (a search index, a cache). Such a handler is consumed by
   * a group of its own per instance (`<KAFKA_GROUP_ID>.<instance id>`) that
   * starts at the end of each topic when the service starts; it is never
   * dead-lettered or parked (a failure is retried, then logged and skipped),
   * so it must only refresh what it can rebuild from the database.
   */
  broadcast?: boolean;
}

/** What the runtime keeps beside each handler (NestJS pattern extras). */
export interface OnEventExtras {
  topic: string;
  reads?: readonly string[];
  broadcast?: boolean;
}

/**
 * Marks a method as the handler of one integration event. The runtime
 * subscribes to the event's topic, routes each message by its `event-type`
 * and `event-version` headers (other types on the topic are ignored, never
 * dead-lettered), validates the fields the handler reads, and calls the
 * method with the decoded event:
 *
 * ```ts
 * @OnEvent(OrderPaid, { reads: ['orderId', 'amount'] })
 * async onOrderPaid({ envelope, payload }: DecodedEvent<OrderPaid>) { … }
 * ```
 * The method must be idempotent: the runtime delivers at least once. It may
 * throw or return a {@link PrerequisiteMissing} to have the message retried
 * later without holding up its partition.
 */
export function OnEvent<T extends object>(payloadClass: new () => T, options: OnEventOptions<T> = {}): MethodDecorator {
  const d = EventRegistry.forClass(payloadClass);
  if (options.reads) {
    const fields = new Set(payloadFields(payloadClass));
    const unknown = options.reads.filter((r) => !fields.has(r.split('.')[0]));
    if (unknown.length) {
      throw new Error(`@OnEvent(${d.type}): reads names fields the contract does not have: ${unknown.join(', ')}`);
    }
  }
  const extras: OnEventExtras = {
    topic: d.topic.name,
    ...(options.reads ? { reads: [...options.reads] } : {}),
    ...(options.broadcast ? { broadcast: true } : {}),
  };
  return EventPattern(eventPattern(d.type, d.version, { broadcast: options.broadcast }), extras);
}

export type { DecodedEvent };
