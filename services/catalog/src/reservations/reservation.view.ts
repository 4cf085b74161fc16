import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESERVATION_STATUSES, ReservationState, ReservationStatus } from './reservation';

export class ReservationLineView {
  @ApiProperty() skuId: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) quantity: number;
}

/** An order's stock reservation, for ops and support. */
export class ReservationView {
  @ApiProperty() orderId: string;
  @ApiProperty() reservationId: string;
  @ApiProperty({ enum: RESERVATION_STATUSES }) status: ReservationStatus;
  @ApiProperty({ type: 'integer', minimum: 1, description: '2 and more: reserved again after a lapse, for a payment' })
  attempt: number;
  @ApiProperty({ type: ReservationLineView, isArray: true }) lines: ReservationLineView[];
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;
  @ApiPropertyOptional() releaseReason?: string;
  @ApiPropertyOptional() rejectionReason?: string;
}

export function toReservationView(r: ReservationState): ReservationView {
  return {
    orderId: r._id,
    reservationId: r.reservationId,
    status: r.status,
    attempt: r.attempt,
    lines: r.lines,
    ...(r.expiresAt ? { expiresAt: new Date(r.expiresAt).toISOString() } : {}),
    ...(r.releaseReason ? { releaseReason: r.releaseReason } : {}),
    ...(r.rejectionReason ? { rejectionReason: r.rejectionReason } : {}),
  };
}
