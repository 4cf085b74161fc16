import { EventPattern } from '@nestjs/microservices';
import { DecodedEvent, EventRegistry } from '@netdirect/contracts';

/** The message pattern under which a handler for an event type and version is registered. */
export function eventPattern(type: string, version: number): string {
  return `${type}@v${version}`;
}

/**
 * Marks a method as the handler of one integration event. The runtime
 * subscribes to the event's topic, validates each message against the
 * contract, and calls the method with the decoded event:
 *
 * ```ts
 * @OnEvent(OrderPaid)
 * async onOrderPaid({ envelope, payload }: DecodedEvent<OrderPaid>) { … }
 * ```
 * The method must be idempotent: the runtime delivers at least once.
 */
export function OnEvent<T extends object>(payloadClass: new () => T): MethodDecorator {
  const d = EventRegistry.forClass(payloadClass);
  return EventPattern(eventPattern(d.type, d.version), { topic: d.topic.name });
}

export type { DecodedEvent };
