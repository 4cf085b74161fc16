import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { StoredMessage } from '../kafka/stored-message';

export type DeadLetterStatus = 'pending' | 'replayed';

/**
 * A message a consumer gave up on, kept for ops to inspect and replay. Its id
 * is `<group>:<topic>:<partition>:<offset>`, so recording it twice (after a
 * redelivery) changes nothing.
 */
@Schema({ collection: 'dead_letters', versionKey: false })
export class DeadLetter extends StoredMessage {
  @Prop({ type: String, required: true })
  _id: string;

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
