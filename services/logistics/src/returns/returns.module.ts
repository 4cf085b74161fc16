import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { ReceiveReturnController } from './commands/receive-return/receive-return.controller';
import { RequestReturnShipmentHandler } from './request-return-shipment.handler';

@Module({
  imports: [ShipmentsModule, ReadModelsModule],
  controllers: [RequestReturnShipmentHandler, ReceiveReturnController],
})
export class ReturnsModule {}
