import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { StoredMessage } from '../kafka/stored-message';

/**
 * A consumed message whose handler is waiting for a prerequisite
 * ({@link PrerequisiteMissing}), parked so that its partition can move on.
 * Its id is `<group>|<event id>`: a redelivery of the same event parks nothing
 * new. The retry loop finds due messages by {@link dueKey} alone (see
 * `due-key.ts`) and leases one by moving its due key forward with a
 * compare-and-set, so two replicas never run the same retry at once.
 */
@Schema({ collection: 'deferred_events', versionKey: false })
export class DeferredEvent extends StoredMessage {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true }) eventId: string;
  /** The aggregate id: the retry loop keeps one aggregate's parked messages in their original order. */
  @Prop({ required: true }) aggregateKey: string;
  /** The latest reason the handler gave. */
  @Prop({ required: true }) reason: string;
  @Prop({ required: true }) parkedAt: Date;
  /** After this the message is dead-lettered (`prerequisite-timeout`) if its prerequisite is still missing. */
  @Prop({ required: true }) deadline: Date;
  /** Retries so far. */
  @Prop({ default: 0 }) attempts: number;
  /** `<due time, padded>|<_id>` while parked: when the next retry (or the end of a retry's lease) is due. */
  @Prop({ type: String }) dueKey?: string;
}

export const DeferredEventSchema = SchemaFactory.createForClass(DeferredEvent);
DeferredEventSchema.index({ dueKey: 1 }, { unique: true, sparse: true });
