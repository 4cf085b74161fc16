import { Model } from 'mongoose';
import { EventRecorder } from '../outbox/event-recorder';
import { newWithEvents, outboxSignals, PendingEvent, withEvents } from '../outbox/outbox.schema';
import { isDuplicateKeyError } from '../consumer/errors';
import { DomainError } from './domain-error';
import { Change, DomainEvent } from './domain-event';

const NO_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;

/**
 * The two writes an aggregate's repository needs, once: insert a new
 * document with its events, and apply a {@link Change} by compare-and-set on
 * `seq` with its events, both single-document writes the outbox relay
 * publishes from. Reads go to the driver by `_id` without the outbox fields.
 * The writes go to the driver too, which skips the outbox plugin's hooks, so
 * each one that carries events names its document to the relay itself;
 * otherwise the events would wait for the relay's sweep (seconds).
 *
 * ```ts
 * @Injectable()
 * export class SupplierRepository extends AggregateStore<SupplierState> {
 *   constructor(@InjectModel(SUPPLIER_MODEL) model: Model<SupplierDocument>, recorder: EventRecorder) {
 *     super(model, recorder, 'supplier');
 *   }
 * }
 * // a use case: load, ask the aggregate, apply; a lost race decides again, then 409
 * await suppliers.change(id, (s) => Supplier.from(s).suspend(reason, now));
 * ```
 */
export class AggregateStore<S extends { _id: string; seq: number }> {
  constructor(
    readonly model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    private readonly recorder: EventRecorder,
    private readonly what: string,
  ) {}

  find(id: string): Promise<S | null> {
    return this.model.collection.findOne<S>({ _id: id as never }, { projection: NO_OUTBOX });
  }

  async get(id: string): Promise<S> {
    const found = await this.find(id);
    if (!found) throw DomainError.notFound(`No ${this.what} ${id}`);
    return found;
  }

  /** Insert a new document; false when one with its `_id` exists already (an idempotent retry). */
  async insert(state: S, events: DomainEvent[]): Promise<boolean> {
    try {
      await this.model.collection.insertOne(newWithEvents(state, this.record(events)) as never);
      if (events.length) this.wakeRelay(state._id);
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Apply a change if the document is still at the `seq` it was decided on; false when it moved (nothing written). */
  async apply(change: Change<S>): Promise<boolean> {
    // A field set to undefined is removed (a sparse marker must be absent, not null, to leave its index).
    const set: Record<string, unknown> = { seq: change.expectedSeq + 1 };
    const unset: Record<string, 1> = {};
    for (const [k, v] of Object.entries(change.set)) {
      if (v === undefined) unset[k] = 1;
      else set[k] = v;
    }
    const update: Record<string, unknown> = { $set: set };
    if (Object.keys(unset).length) update.$unset = unset;
    const res = await this.model.collection.updateOne(
      { _id: change.id as never, seq: change.expectedSeq },
      withEvents(update, this.record(change.events)),
    );
    if (res.matchedCount !== 1) return false;
    if (change.events.length) this.wakeRelay(change.id);
    return true;
  }

  /**
   * Load, decide, apply; decide again on a lost race, then 409. `decide`
   * returns null when there is nothing to do (already done).
   */
  async change(id: string, decide: (state: S) => Change<S> | DomainError | null, attempts = 5): Promise<S> {
    for (let i = 0; i < attempts; i++) {
      const state = await this.get(id);
      const change = decide(state);
      if (change instanceof DomainError) throw change;
      if (!change) return state;
      if (await this.apply(change)) return this.get(id);
    }
    throw DomainError.conflict(`The ${this.what} ${id} kept changing; try again`);
  }

  /** Name the written document to this process's relay, as the outbox plugin's hooks do for model writes. */
  private wakeRelay(id: string): void {
    outboxSignals.emit('recorded', this.model.collection.name, id);
  }

  private record(events: DomainEvent[]): PendingEvent[] {
    return events.flatMap((e) => {
      const options = { id: e.id, occurredAt: e.occurredAt };
      return e.alsoTo?.length
        ? this.recorder.record(e.contract, e.data, { ...options, alsoTo: e.alsoTo })
        : [this.recorder.record(e.contract, e.data, options)];
    });
  }
}
