import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainEvent, EventRecorder, isDuplicateKeyError, newWithEvents, PendingEvent, withEvents } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Reservation, ReservationChange, ReservationState } from './reservation';
import { RESERVATION_MODEL, ReservationDocument } from './reservation.schema';

/** The in-flight reservations: a prefix match answered from the sparse unique index, never a scan. */
const IN_FLIGHT = Object.freeze({ inFlight: { $regex: '^' } });

/** Where reservations are kept; {@link apply} is the one way one changes (compare-and-set with its events). */
@Injectable()
export class ReservationRepository {
  constructor(
    @InjectModel(RESERVATION_MODEL) private readonly reservations: Model<ReservationDocument>,
    private readonly recorder: EventRecorder,
  ) {}

  get model(): Model<ReservationDocument> {
    return this.reservations;
  }

  async find(orderId: string): Promise<Reservation | null> {
    const state = await this.reservations.collection.findOne<ReservationState>(
      { _id: orderId as never },
      { projection: { outbox: 0 } },
    );
    return state ? Reservation.from(state) : null;
  }

  /** Insert a new reservation; false if the order has one already (a redelivered OrderPlaced). */
  async insert(state: ReservationState): Promise<boolean> {
    try {
      await this.reservations.collection.insertOne(newWithEvents(state, []) as never);
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Apply a change by compare-and-set; false when the reservation changed meanwhile (nothing written). */
  async apply(change: ReservationChange): Promise<boolean> {
    const update: Record<string, unknown> = { $set: change.set };
    if (change.unset.length) update.$unset = Object.fromEntries(change.unset.map((f) => [f, 1]));
    const res = await this.reservations
      .updateOne({ _id: change.orderId, ...change.guard }, withEvents(update, this.record(change.events)))
      .exec();
    return res.matchedCount === 1;
  }

  /** Up to `limit` in-flight reservations (the resume pass). */
  async inFlight(limit: number): Promise<ReservationState[]> {
    return this.reservations.collection
      .find<ReservationState>(IN_FLIGHT, { projection: { outbox: 0 } })
      .limit(limit)
      .toArray();
  }

  private record(events: DomainEvent[]): PendingEvent[] {
    return events.map((e) => this.recorder.record(e.contract, e.data, { id: e.id, occurredAt: e.occurredAt }));
  }
}
