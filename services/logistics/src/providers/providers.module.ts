import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { RegisterProviderController } from './commands/register-provider/register-provider.controller';
import { ProviderStoreModule } from './provider-store.module';
import { ProviderQueriesController } from './queries/provider-queries.controller';

@Module({
  imports: [ProviderStoreModule, ShipmentsModule],
  controllers: [RegisterProviderController, ProviderQueriesController],
})
export class ProvidersModule {}
