import { TopicDefinition } from '../topics/topic-definition';

/** What the registry knows of one event type at one version. */
export interface EventDescriptor<T extends object = object> {
  /** `<Subject><PastTense>`, e.g. `OrderPlaced`. */
  readonly type: string;
  /** Payload version; additive changes keep it, breaking changes make a new major topic. */
  readonly version: number;
  /** Topic it is published to. */
  readonly topic: TopicDefinition;
  /** Payload class with class-validator decorators. */
  readonly payload: new () => T;
  /** One or two sentences for the AsyncAPI document. */
  readonly summary: string;
}

const byTypeAndVersion = new Map<string, EventDescriptor>();
const byClass = new Map<object, EventDescriptor>();

const keyOf = (type: string, version: number) => `${type}@${version}`;

/**
 * Marks a class as the payload of an integration event and registers it.
 *
 * ```ts
 * @IntegrationEvent({ type: 'OrderPlaced', version: 1, topic: Topics.ordersOrders, summary: '…' })
 * export class OrderPlaced { @IsString() orderId: string; … }
 * ```
 * The field named by `topic.key` must exist on the payload: it becomes the Kafka key.
 */
export function IntegrationEvent(meta: { type: string; version: number; topic: TopicDefinition; summary: string }) {
  return (target: new () => object): void => {
    if (!/^[A-Z][A-Za-z0-9]+$/.test(meta.type)) {
      throw new Error(`Event type "${meta.type}" must be PascalCase <Subject><PastTense>`);
    }
    if (!Number.isInteger(meta.version) || meta.version < 1) {
      throw new Error(`Event ${meta.type}: version must be a positive integer`);
    }
    const key = keyOf(meta.type, meta.version);
    const existing = byTypeAndVersion.get(key);
    if (existing && existing.payload !== target) {
      throw new Error(`Event ${key} is registered twice`);
    }
    const descriptor: EventDescriptor = Object.freeze({ ...meta, payload: target });
    byTypeAndVersion.set(key, descriptor);
    byClass.set(target, descriptor);
  };
}

/** The registry of every integration event the contracts define. */
export const EventRegistry = {
  find(type: string, version: number): EventDescriptor | undefined {
    return byTypeAndVersion.get(keyOf(type, version));
  },
  /** True if the type is known at any version. */
  knowsType(type: string): boolean {
    for (const d of byTypeAndVersion.values()) if (d.type === type) return true;
    return false;
  },
  forClass<T extends object>(payload: new () => T): EventDescriptor<T> {
    const d = byClass.get(payload);
    if (!d) throw new Error(`${payload.name} is not decorated with @IntegrationEvent`);
    return d as EventDescriptor<T>;
  },
  all(): EventDescriptor[] {
    return [...byTypeAndVersion.values()];
  },
  onTopic(topicName: string): EventDescriptor[] {
    return this.all().filter((d) => d.topic.name === topicName);
  },
};
