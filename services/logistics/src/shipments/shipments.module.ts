import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { ProviderStoreModule } from '../providers/provider-store.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AcceptanceDeadlineHandler } from './commands/reroute-unaccepted/acceptance-deadline.handler';
import { AcceptanceDeadlines } from './acceptance-deadlines.service';
import { ProviderChangedHandler } from './commands/route-again/provider-changed.handler';
import { ReportStatusController } from './commands/report-status/report-status.controller';
import { CancelShipmentHandler } from './consumers/cancel-shipment.handler';
import { RequestShipmentHandler } from './consumers/request-shipment.handler';
import { ShipmentQueriesController } from './queries/shipment-queries.controller';
import { RouteWaitingShipments } from './route-waiting-shipments.service';
import { ShipmentRepository } from './shipment.repository';
import { SHIPMENT_MODEL, ShipmentSchema } from './shipment.schema';
import { ShipmentRouting } from './shipment-routing.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: SHIPMENT_MODEL, schema: ShipmentSchema }]), ProviderStoreModule, ReadModelsModule],
  controllers: [RequestShipmentHandler, CancelShipmentHandler, ReportStatusController, ShipmentQueriesController, AcceptanceDeadlineHandler, ProviderChangedHandler],
  providers: [ShipmentRepository, ShipmentRouting, RouteWaitingShipments, AcceptanceDeadlines],
  exports: [ShipmentRepository, RouteWaitingShipments, ShipmentRouting, AcceptanceDeadlines],
})
export class ShipmentsModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly repo: ShipmentRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.repo.model);
  }
}
