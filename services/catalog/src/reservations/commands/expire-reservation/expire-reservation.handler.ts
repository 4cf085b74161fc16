import { Injectable } from '@nestjs/common';
import { OnTimer, TimerFired } from '@netdirect/runtime';
import { RESERVATION_EXPIRY, ReservationProcess } from '../../reservation-process.service';

export interface ReservationExpiryData {
  orderId: string;
  attempt: number;
}

/** The reservation's deadline passed unpaid: release it (StockReleased, reservation-expired). */
@Injectable()
export class ExpireReservationHandler {
  constructor(private readonly process: ReservationProcess) {}

  @OnTimer(RESERVATION_EXPIRY)
  async expire({ data }: TimerFired<ReservationExpiryData>): Promise<void> {
    // Only that attempt, only while still reserved: a paid, cancelled or re-reserved order is left alone.
    await this.process.expire(data.orderId, data.attempt);
  }
}
