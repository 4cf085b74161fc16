import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay, TimersModule } from '@netdirect/runtime';
import { StockModule } from '../stock/stock.module';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { CommitOrderHandler } from './commands/commit-order/commit-order.handler';
import { ExpireReservationHandler } from './commands/expire-reservation/expire-reservation.handler';
import { ReleaseOrphanHoldsHandler } from './commands/release-orphan-holds/release-orphan-holds.handler';
import { ReserveOrderHandler } from './commands/reserve-order/reserve-order.handler';
import { GetReservationController } from './queries/get-reservation/get-reservation.controller';
import { ReservationProcess } from './reservation-process.service';
import { ReservationRepository } from './reservation.repository';
import { RESERVATION_MODEL, ReservationSchema } from './reservation.schema';
import { ResumeReservationsService } from './resume/resume-reservations.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: RESERVATION_MODEL, schema: ReservationSchema }]), StockModule, TimersModule],
  controllers: [ReserveOrderHandler, CommitOrderHandler, CancelOrderHandler, GetReservationController],
  providers: [ReservationRepository, ReservationProcess, ExpireReservationHandler, ReleaseOrphanHoldsHandler, ResumeReservationsService],
})
export class ReservationsModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly reservations: ReservationRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.reservations.model);
  }
}
