import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
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
