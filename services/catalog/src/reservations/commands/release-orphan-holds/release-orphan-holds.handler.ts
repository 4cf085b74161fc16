import { Injectable } from '@nestjs/common';
import { OnTimer, TimerFired } from '@netdirect/runtime';
import { RESERVATION_ORPHAN_CHECK, ReservationProcess } from '../../reservation-process.service';

export interface OrphanCheckData {
  orderId: string;
  attempt: number;
}

/**
 * After a takeover: a replica whose lease lapsed mid-step may still write a
 * hold after the reservation moved on, and crash before it notices. Its hold
 * would keep units reserved for nobody; this check gives them back.
 */
@Injectable()
export class ReleaseOrphanHoldsHandler {
  constructor(private readonly process: ReservationProcess) {}

  @OnTimer(RESERVATION_ORPHAN_CHECK)
  async check({ data }: TimerFired<OrphanCheckData>): Promise<void> {
    await this.process.releaseOrphanHolds(data.orderId, data.attempt);
  }
}
