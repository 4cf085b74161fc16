import { Schema } from 'mongoose';
import { EventEmitter } from 'node:events';
import { documentLocks } from './document-locks';

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
    $set?: { outboxPending?: boolean };
  } | null;
  return Boolean(
    u && (u.$push?.outbox || (Array.isArray(u.outbox) && u.outbox.length) || u.$set?.outboxPending === true),
  );
}

/** The single document a query filter names by `_id`, if it names one. */
function documentId(filter: Record<string, unknown> | undefined): string | undefined {
  const id = filter?._id as { toHexString?: () => string } | string | undefined;
  if (typeof id === 'string') return id;
  if (id && typeof id.toHexString === 'function') return id.toHexString();
  return undefined;
}

const RELEASE = Symbol('documentLockRelease');
type LockedQuery = {
  getFilter(): Record<string, unknown>;
  getUpdate?: () => unknown;
  model: { collection: { name: string } };
  [RELEASE]?: () => void;
};
const WRITES = [
  'updateOne',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'findOneAndDelete',
] as const;

/**
 * Mongoose plugin for an aggregate that records events: adds the outbox fields
 * and the index the relay sweeps, serialises writes per document (see
 * {@link DocumentLocks} for why), and tells the relay which document to publish.
 */
export function outboxPlugin(schema: Schema): void {
  schema.add({
    outbox: { type: [pendingEventSchema], default: [] },
    outboxSeq: { type: Number, default: 0 },
    outboxPending: { type: Boolean, default: false },
    outboxLeaseUntil: { type: Date, default: null },
  });
  schema.index({ outboxPending: 1 });

  schema.pre([...WRITES], { document: false, query: true }, async function (this: LockedQuery) {
    const id = documentId(this.getFilter());
    if (id === undefined) return;
    const key = `${this.model.collection.name}:${id}`;
    if (!documentLocks.isHeld(key)) this[RELEASE] = await documentLocks.acquire(key);
  });
  const release = function (this: LockedQuery) {
    this[RELEASE]?.();
    this[RELEASE] = undefined;
  };
  for (const op of WRITES) {
    schema.post(op as 'updateOne', { document: false, query: true }, function (this: LockedQuery) {
      release.call(this);
      if (op.startsWith('update') || op === 'findOneAndUpdate') {
        if (carriesEvents(this.getUpdate?.()))
          outboxSignals.emit('recorded', this.model.collection.name, documentId(this.getFilter()));
      }
    });
    // An error handler (three parameters) so a failed write releases its lock too.
    const onError = function (this: LockedQuery, error: Error, _res: unknown, next: (e?: Error) => void) {
      release.call(this);
      next(error);
    };
    schema.post(op as 'updateOne', { document: false, query: true }, onError as unknown as () => void);
  }

  schema.post(
    'save',
    function (this: { _id: unknown; collection: { name: string }; outboxPending?: boolean }) {
      if (this.outboxPending) outboxSignals.emit('recorded', this.collection.name, this._id);
    },
  );
  schema.post('insertMany', function (this: { collection: { name: string } }, docs: unknown) {
    for (const doc of docs as { _id: unknown; outboxPending?: boolean }[]) {
      if (doc.outboxPending) outboxSignals.emit('recorded', this.collection.name, doc._id);
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
    $set: { ...(update.$set ?? {}), outboxPending: true },
  };
}

/** Outbox fields for a document being inserted together with the events its creation caused. */
export function newWithEvents<D extends object>(doc: D, events: PendingEvent[]): D & OutboxFields {
  return {
    ...doc,
    outbox: events,
    outboxSeq: events.length,
    outboxPending: events.length > 0,
    outboxLeaseUntil: null,
  };
}
