import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { providerHandoffTopic } from '@netdirect/contracts';
import { Change, DomainError, EventRecorder, isDuplicateKeyError, newWithEvents, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { ShipmentEvent, ShipmentState, ShipmentStatus } from './shipment';
import { SHIPMENT_MODEL } from './shipment.schema';

const NO_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;

/**
 * Where shipments are kept. Like the runtime's AggregateStore (insert with
 * events, compare-and-set on `seq`), except that an event may also go to its
 * provider's handoff topic, which AggregateStore cannot record.
 */
@Injectable()
export class ShipmentRepository {
  constructor(
    @InjectModel(SHIPMENT_MODEL) readonly model: Model<ShipmentState>,
    private readonly recorder: EventRecorder,
  ) {}

  find(id: string): Promise<ShipmentState | null> {
    return this.model.collection.findOne<ShipmentState>({ _id: id as never }, { projection: NO_OUTBOX });
  }

  async get(id: string): Promise<ShipmentState> {
    const found = await this.find(id);
    if (!found) throw DomainError.notFound(`No shipment ${id}`);
    return found;
  }

  /** Insert a new shipment; false when it exists already (an idempotent retry). */
  async insert(state: ShipmentState, events: ShipmentEvent[]): Promise<boolean> {
    try {
      await this.model.collection.insertOne(newWithEvents(state, this.record(events)) as never);
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Apply a change if the shipment is still at the `seq` it was decided on; false when it moved. */
  async apply(change: Change<ShipmentState>): Promise<boolean> {
    const res = await this.model.collection.updateOne(
      { _id: change.id as never, seq: change.expectedSeq },
      withEvents({ $set: { ...change.set, seq: change.expectedSeq + 1 } }, this.record(change.events as ShipmentEvent[])),
    );
    return res.matchedCount === 1;
  }

  /**
   * A filtered page in id order. The embedded store reads the collection for
   * these filters (none is a unique key): ops and provider lists, not a hot path.
   */
  async list(filter: { orderId?: string; providerId?: string; status?: ShipmentStatus }, after: string | undefined, limit: number): Promise<ShipmentState[]> {
    const query: Record<string, unknown> = {};
    if (filter.orderId) query.orderId = filter.orderId;
    if (filter.providerId) query.providerId = filter.providerId;
    if (filter.status) query.status = filter.status;
    if (after) query._id = { $gt: after };
    return this.model.collection.find<ShipmentState>(query, { projection: NO_OUTBOX }).sort({ _id: 1 }).limit(limit).toArray();
  }

  private record(events: ShipmentEvent[]): PendingEvent[] {
    return events.flatMap((e) => {
      const options = { id: e.id, occurredAt: e.occurredAt };
      return e.handoffTo
        ? this.recorder.record(e.contract, e.data, { ...options, alsoTo: [providerHandoffTopic(e.handoffTo)] })
        : [this.recorder.record(e.contract, e.data, options)];
    });
  }
}
