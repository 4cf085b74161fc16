import { Module } from '@nestjs/common';
import { RuntimeModule, TimersModule, WebhooksModule } from '@netdirect/runtime';
import { LOGISTICS_SERVICE } from './logistics.definition';
import { ProvidersModule } from './providers/providers.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReturnsModule } from './returns/returns.module';
import { ShipmentsModule } from './shipments/shipments.module';

@Module({
  imports: [RuntimeModule.forService(LOGISTICS_SERVICE), TimersModule, WebhooksModule, ReadModelsModule, ShipmentsModule, ProvidersModule, ReturnsModule],
})
export class AppModule {}
