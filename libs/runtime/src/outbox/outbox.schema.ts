import { Schema } from 'mongoose';
import { EventEmitter } from 'node:events';

/**
 * An event an aggregate has caused but the relay has not yet published. It is
 * stored in the aggregate's own document, written in the same single-document
 * write as the state change, so the change and its events stand or fall together.
 */
export interface PendingEvent {
  /** Envelope id (unique). */
  id: string;
  topic: string;
  key: string;
  type: string;
  /** The envelope as JSON: exactly the bytes that will be published. */
  value: string;
  recordedAt: Date;
}

/** The fields {@link outboxPlugin} adds to an aggregate document. */
export interface OutboxFields {
  outbox: PendingEvent[];
  /** Number of events ever recorded on this document; the relay's compare-and-set token. */
  outboxSeq: number;
  outboxPending: boolean;
  outboxLeaseUntil?: Date | null;
}

const pendingEventSchema = new Schema<PendingEvent>(
  {
    id: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    type: { type: String, required: true },
    value: { type: String, required: true },
    recordedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** Emits `recorded` whenever a write through an outbox-enabled model carried events, so the relay wakes at once. */
export const outboxSignals = new EventEmitter();
outboxSignals.setMaxListeners(100);

function carriesEvents(update: unknown): boolean {
  const u = update as { $push?: { outbox?: unknown }; outbox?: unknown[] } | null;
  return Boolean(u && (u.$push?.outbox || (Array.isArray(u.outbox) && u.outbox.length)));
}

/**
 * Mongoose plugin for an aggregate that records events: adds the outbox fields
 * and the index the relay polls, and wakes the relay after writes that carry
 * events.
 */
export function outboxPlugin(schema: Schema): void {
  schema.add({
    outbox: { type: [pendingEventSchema], default: [] },
    outboxSeq: { type: Number, default: 0 },
    outboxPending: { type: Boolean, default: false },
    outboxLeaseUntil: { type: Date, default: null },
  });
  schema.index({ outboxPending: 1 });
  const wake = function (this: { getUpdate?: () => unknown }) {
    if (!this.getUpdate || carriesEvents(this.getUpdate())) outboxSignals.emit('recorded');
  };
  schema.post('save', () => outboxSignals.emit('recorded'));
  schema.post('insertMany', () => outboxSignals.emit('recorded'));
  schema.post('updateOne', wake);
  schema.post('findOneAndUpdate', wake);
  schema.post('updateMany', wake);
  schema.post('bulkWrite', () => outboxSignals.emit('recorded'));
}

type UpdateDoc = Record<string, unknown> & {
  $set?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  $inc?: Record<string, number>;
};

/**
 * Add events to an update so the state change and its events are one
 * single-document write:
 *
 * ```ts
 * await members.updateOne({ _id, status: 'active' }, withEvents({ $set: { status: 'suspended' } }, [event]));
 * ```
 */
export function withEvents<U extends UpdateDoc>(update: U, events: PendingEvent[]): U {
  if (events.length === 0) return update;
  return {
    ...update,
    $push: { ...(update.$push ?? {}), outbox: { $each: events } },
    $inc: { ...(update.$inc ?? {}), outboxSeq: events.length },
    $set: { ...(update.$set ?? {}), outboxPending: true },
  };
}

/** Outbox fields for a document being inserted together with the events its creation caused. */
export function newWithEvents<D extends object>(doc: D, events: PendingEvent[]): D & OutboxFields {
  return { ...doc, outbox: events, outboxSeq: events.length, outboxPending: events.length > 0, outboxLeaseUntil: null };
}
