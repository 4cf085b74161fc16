import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, Change, DomainEvent, EventRecorder, outboxSignals } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { ShipmentState, ShipmentStatus } from './shipment';
import { SHIPMENT_MODEL } from './shipment.schema';

const NO_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingId: 0, outboxLeaseUntil: 0 } as const;

/**
 * Where shipments are kept: the runtime's AggregateStore (insert with events,
 * compare-and-set on `seq`; an event's `alsoTo` puts it on the provider's
 * handoff topic too), plus the lists.
 */
@Injectable()
export class ShipmentRepository extends AggregateStore<ShipmentState> {
  constructor(@InjectModel(SHIPMENT_MODEL) model: Model<ShipmentState>, recorder: EventRecorder) {
    super(model, recorder, 'shipment');
  }

  /*
   * The runtime's AggregateStore writes through the driver's collection, which
   * skips the outbox plugin's hooks, so its writes do not wake the relay: the
   * events waited for the relay's sweep (OUTBOX_POLL_MS, after a 5 s grace),
   * 5-7 s from decision to handoff topic in bench:logistics. Naming the
   * written document to the relay, as the plugin's hooks do, publishes at
   * once. (A fix in AggregateStore itself would make these two overrides moot.)
   */
  override async insert(state: ShipmentState, events: DomainEvent[]): Promise<boolean> {
    const inserted = await super.insert(state, events);
    if (inserted && events.length) outboxSignals.emit('recorded', this.model.collection.name, state._id);
    return inserted;
  }

  override async apply(change: Change<ShipmentState>): Promise<boolean> {
    const applied = await super.apply(change);
    if (applied && change.events.length) outboxSignals.emit('recorded', this.model.collection.name, change.id);
    return applied;
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
}
