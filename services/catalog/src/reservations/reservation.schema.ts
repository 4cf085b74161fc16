import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxPlugin, OutboxFields } from '@netdirect/runtime';
import { Schema as MongooseSchema } from 'mongoose';
import type { SkuQuantityLine, StockShortLine } from '@netdirect/contracts';
import type { RejectionReason, ReleaseReason, ReservationState, ReservationStatus } from './reservation';
import { RESERVATION_STATUSES } from './reservation';

/** How an order's reservation (see reservation.ts) is stored: `_id` = orderId. */
@Schema({ collection: 'reservations', versionKey: false })
export class ReservationRecord implements ReservationState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) reservationId: string;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) lines: SkuQuantityLine[];
  @Prop({ type: String, required: true, enum: RESERVATION_STATUSES }) status: ReservationStatus;
  @Prop({ type: Number, required: true }) attempt: number;
  @Prop({ type: String, required: true }) intent: 'hold' | 'commit';
  @Prop({ type: Date }) expiresAt?: Date;
  @Prop({ type: String }) releaseReason?: ReleaseReason;
  @Prop({ type: String }) rejectionReason?: RejectionReason;
  @Prop({ type: [MongooseSchema.Types.Mixed] }) shortLines?: StockShortLine[];
  /** Sparse unique: see ReservationState.inFlight. */
  @Prop({ type: String }) inFlight?: string;
  @Prop({ type: Date, required: true }) leaseUntil: Date;
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: Date, required: true }) placedAt: Date;
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export type ReservationDocument = ReservationState & OutboxFields;
export const RESERVATION_MODEL = 'Reservation';
export const ReservationSchema = SchemaFactory.createForClass(ReservationRecord).plugin(outboxPlugin);
ReservationSchema.index({ inFlight: 1 }, { unique: true, sparse: true });
