/**
 * The runtime's view of a message broker. Services and the rest of the runtime
 * depend on these interfaces only; {@link KafkajsBroker} implements them with
 * kafkajs, and another client can replace it without touching a use case.
 */

/** One message to publish. Headers are strings. */
export interface OutgoingMessage {
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

/** One consumed message as the runtime sees it, independent of the client library. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface MessageProducer {
  /** Publish messages to one topic, in order, waiting for all in-sync replicas (acks=all). */
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
}

export interface BrokerAdmin {
  /** Throws if the cluster cannot be reached within `timeoutMs`. */
  ping(timeoutMs: number): Promise<{ brokers: number }>;
  /**
   * Create the topics that do not exist yet (a topic created meanwhile by
   * another process is fine). `retentionMs` sets `retention.ms` on creation.
   */
  ensureTopics(topics: { name: string; partitions: number; retentionMs?: number }[]): Promise<void>;
}

/** What the consumer loop hands a message handler besides the message. */
export interface ConsumeControls {
  /** Tell the group coordinator this member is alive (safe to call often). */
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

export interface ConsumerHandle {
  stop(): Promise<void>;
  /** Resolves when the consumer has joined its group and has partitions (or none to have). */
  joined(): Promise<void>;
}

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  partitionsConcurrency: number;
  /** The group session timeout (default 30 s): how soon a killed member's partitions move to another. */
  sessionTimeoutMs?: number;
  /** How often the member heartbeats (default 3 s). */
  heartbeatIntervalMs?: number;
  /** Process one message; resolve only when its effect is durable. Rejecting stops the partition and retries it. */
  onMessage(message: IncomingMessage, controls: ConsumeControls): Promise<void>;
  /**
   * Lag of a partition, for metrics: after each batch, and every
   * `lagIntervalMs` from the broker's offsets (so a consumer stuck on a message
   * shows its lag growing, not the value of its last batch).
   */
  onLag?(topic: string, partition: number, lag: number): void;
  /** How often to measure lag from the broker while consuming; 0 or absent: only after batches. */
  lagIntervalMs?: number;
  /**
   * Start exactly at the end of every partition as it is when `consume` is
   * called (the group's offsets are set there before it subscribes), so
   * everything published after `consume` resolves is seen, with no gap
   * between "resolved" and the first fetch. For a fresh per-instance group.
   */
  startAtEnd?: boolean;
  /** Delete the group when the consumer stops (a per-instance group nobody will use again). */
  deleteGroupOnStop?: boolean;
}

export interface MessageBroker extends MessageProducer {
  readonly admin: BrokerAdmin;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  consume(options: ConsumerOptions): Promise<ConsumerHandle>;
}

/** Injection token of the {@link MessageBroker}. */
export const MESSAGE_BROKER = Symbol('MESSAGE_BROKER');
