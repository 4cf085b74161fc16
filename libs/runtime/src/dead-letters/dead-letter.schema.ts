import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export type DeadLetterStatus = 'pending' | 'replayed';

/**
 * A message a consumer gave up on, kept for ops to inspect and replay. Its id
 * is `<group>:<topic>:<partition>:<offset>`, so recording it twice (after a
 * redelivery) changes nothing.
 */
@Schema({ collection: 'dead_letters', versionKey: false })
export class DeadLetter {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true }) group: string;
  @Prop({ required: true }) topic: string;
  @Prop({ required: true }) partition: number;
  @Prop({ required: true }) offset: string;
  @Prop({ type: String, default: null }) key: string | null;
  /** The original value bytes, untouched. */
  @Prop({ type: Buffer, default: null }) value: Buffer | null;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) headers: Record<string, string>;
  /** malformed-json, invalid-envelope, unknown-type, invalid-payload, wrong-topic, rejected, retries-exhausted, prerequisite-timeout */
  @Prop({ required: true }) kind: string;
  @Prop({ required: true }) error: string;
  @Prop({ required: true }) attempts: number;
  @Prop({ required: true }) failedAt: Date;
  @Prop({ type: String, required: true, default: 'pending' }) status: DeadLetterStatus;
  @Prop({ default: 0 }) replays: number;
  @Prop({ type: String, default: null }) lastReplayError: string | null;
  @Prop({ type: Date, default: null }) replayedAt: Date | null;
}

export const DeadLetterSchema = SchemaFactory.createForClass(DeadLetter);
DeadLetterSchema.index({ status: 1, failedAt: 1 });

/** Stored bytes as a Buffer, whether the driver returned a Buffer or a BSON Binary (lean reads). */
export function storedBytes(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { _bsontype?: string; buffer?: Uint8Array };
  if (binary._bsontype === 'Binary' && binary.buffer) return Buffer.from(binary.buffer);
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new Error('stored dead-letter value is not binary');
}
