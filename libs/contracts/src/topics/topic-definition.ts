/** Retention of a topic, in milliseconds, or `compact` for a compacted topic. */
export type TopicRetention = { kind: 'time'; ms: number } | { kind: 'compact' };

/**
 * A Kafka topic the system owns: `<service>.<aggregate>.v<major>`.
 *
 * The key of every message is the id named by `key`, so all events of one
 * aggregate land on one partition, in order.
 */
export interface TopicDefinition {
  /** Full topic name, e.g. `orders.orders.v1`. */
  readonly name: string;
  /** Service that produces to it (the only one allowed to). */
  readonly owner: ServiceName;
  /** Which id is the Kafka key, e.g. `orderId`. */
  readonly key: string;
  readonly partitions: number;
  readonly retention: TopicRetention;
  /** One line for the AsyncAPI document and the README. */
  readonly description: string;
}

export const SERVICE_NAMES = ['catalog', 'procurement', 'orders', 'network', 'commission', 'logistics'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Build a topic definition, checking the naming rule `<service>.<aggregate>.v<major>`. */
export function defineTopic(def: TopicDefinition): TopicDefinition {
  const match = /^([a-z]+)\.([a-z0-9-]+(?:\.[a-z0-9-]+)?)\.v([1-9][0-9]*)$/.exec(def.name);
  if (!match || match[1] !== def.owner) {
    throw new Error(`Topic name "${def.name}" must be <service>.<aggregate>.v<major> owned by ${def.owner}`);
  }
  if (!Number.isInteger(def.partitions) || def.partitions < 1) {
    throw new Error(`Topic ${def.name}: partitions must be a positive integer`);
  }
  return Object.freeze({ ...def });
}
