import { Prop } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { IncomingMessage } from './broker';

/**
 * A consumed message kept in the database exactly as it arrived (a dead
 * letter, a message waiting for its prerequisite), so it can be run through
 * the handlers again later. Schemas of such documents extend this class.
 */
export class StoredMessage {
  @Prop({ required: true }) group: string;
  @Prop({ required: true }) topic: string;
  @Prop({ required: true }) partition: number;
  @Prop({ required: true }) offset: string;
  @Prop({ type: String, default: null }) key: string | null;
  /** The original value bytes, untouched. */
  @Prop({ type: Buffer, default: null }) value: Buffer | null;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) headers: Record<string, string>;
}

/** The fields of a {@link StoredMessage} for a message consumed by `group`. */
export function toStoredMessage(group: string, message: IncomingMessage): StoredMessage {
  const { topic, partition, offset, key, value, headers } = message;
  return { group, topic, partition, offset, key, value, headers };
}

/** The message again, from its stored fields (a lean read gives the value as BSON Binary); `at` stands in for the broker's timestamp. */
export function fromStoredMessage(stored: Omit<StoredMessage, 'value'> & { value: unknown }, at: Date): IncomingMessage {
  return {
    topic: stored.topic,
    partition: stored.partition,
    offset: stored.offset,
    key: stored.key,
    value: storedBytes(stored.value),
    headers: stored.headers ?? {},
    timestamp: String(at.getTime()),
  };
}

/** Stored bytes as a Buffer, whether the driver returned a Buffer or a BSON Binary (lean reads). */
export function storedBytes(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { _bsontype?: string; buffer?: Uint8Array };
  if (binary._bsontype === 'Binary' && binary.buffer) return Buffer.from(binary.buffer);
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new Error('stored message value is not binary');
}
