import { Schema } from 'mongoose';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';

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
  /**
   * Set on a copy for a topic made at runtime (`alsoTo`, e.g. a provider's
   * handoff topic): the relay creates the topic with these settings before its
   * first publish to it, if it does not exist.
   */
  topicPartitions?: number;
  topicRetentionMs?: number;
}

/** The fields {@link outboxPlugin} adds to an aggregate document. */
export interface OutboxFields {
  outbox: PendingEvent[];
  /** Number of events ever recorded on this document; the relay's compare-and-set token. */
  outboxSeq: number;
  /**
   * Present exactly while the document holds unpublished events: a value unique
   * to the write that recorded them, behind a sparse unique index. See
   * {@link PENDING_OUTBOX} for why it is not a boolean.
   */
  outboxPendingId?: string;
  /** Until when a relay owns the document's events (see OUTBOX_LEASE_MS). */
  outboxLeaseUntil?: Date | null;
}

/**
 * The filter of documents with unpublished events. A prefix match on a sparse
 * unique index reads only the index's entries, that is only the pending
 * documents: on MongoDB (index bounds) and on the embedded mongo-java-server,
 * which answers a regular expression on a single-field unique index from the
 * index but reads the whole collection, under its lock, for any filter on a
 * non-unique field. So the relay's safety sweep costs the same on every store
 * however large the collection.
 */
export const PENDING_OUTBOX = Object.freeze({ outboxPendingId: { $regex: '^' } });

const pendingEventSchema = new Schema<PendingEvent>(
  {
    id: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    type: { type: String, required: true },
    value: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    topicPartitions: { type: Number },
    topicRetentionMs: { type: Number },
  },
  { _id: false },
);

/**
 * Emits `recorded` (collection name, document id) whenever a write through an
 * outbox-enabled model carried events, so the relay publishes that document at
 * once; without an id (a bulk write) the relay sweeps.
 */
export const outboxSignals = new EventEmitter();
outboxSignals.setMaxListeners(100);

function carriesEvents(update: unknown): boolean {
  const u = update as {
    $push?: { outbox?: unknown };
    outbox?: unknown[];
    $set?: { outboxPendingId?: string };
  } | null;
  return Boolean(u && (u.$push?.outbox || (Array.isArray(u.outbox) && u.outbox.length) || u.$set?.outboxPendingId));
}

/** The single document a query filter names by `_id`, if it names one. */
function documentId(filter: Record<string, unknown> | undefined): string | undefined {
  const id = filter?._id as { toHexString?: () => string } | string | undefined;
  if (typeof id === 'string') return id;
  if (id && typeof id.toHexString === 'function') return id.toHexString();
  return undefined;
}

type WriteQuery = {
  getFilter(): Record<string, unknown>;
  getUpdate?: () => unknown;
  model: { collection: { name: string } };
};

/**
 * Mongoose plugin for an aggregate that records events: adds the outbox fields
 * and the index the relay sweeps, and tells the relay which document to
 * publish. It takes no lock: a single-document update is atomic on every
 * store this runs on, and a use case that reads, decides and writes guards its
 * write with a compare-and-set filter.
 */
export function outboxPlugin(schema: Schema): void {
  schema.add({
    outbox: { type: [pendingEventSchema], default: [] },
    outboxSeq: { type: Number, default: 0 },
    outboxPendingId: { type: String },
    outboxLeaseUntil: { type: Date, default: null },
  });
  schema.index({ outboxPendingId: 1 }, { unique: true, sparse: true });

  for (const op of ['updateOne', 'findOneAndUpdate'] as const) {
    schema.post(op, { document: false, query: true }, function (this: WriteQuery) {
      if (carriesEvents(this.getUpdate?.()))
        outboxSignals.emit('recorded', this.model.collection.name, documentId(this.getFilter()));
    });
  }
  schema.post('save', function (this: { _id: unknown; collection: { name: string }; outboxPendingId?: string }) {
    if (this.outboxPendingId) outboxSignals.emit('recorded', this.collection.name, this._id);
  });
  schema.post('insertMany', function (this: { collection: { name: string } }, docs: unknown) {
    for (const doc of docs as { _id: unknown; outboxPendingId?: string }[]) {
      if (doc.outboxPendingId) outboxSignals.emit('recorded', this.collection.name, doc._id);
    }
  });
  schema.post('updateMany', () => outboxSignals.emit('recorded'));
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
    $set: { ...(update.$set ?? {}), outboxPendingId: randomUUID() },
  };
}

/** Outbox fields for a document being inserted together with the events its creation caused. */
export function newWithEvents<D extends object>(doc: D, events: PendingEvent[]): D & OutboxFields {
  return {
    ...doc,
    outbox: events,
    outboxSeq: events.length,
    ...(events.length > 0 ? { outboxPendingId: randomUUID() } : {}),
    outboxLeaseUntil: null,
  };
}
