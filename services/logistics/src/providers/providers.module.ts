import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { ChangeProviderController } from './commands/change-provider/change-provider.controller';
import { RegisterProviderController } from './commands/register-provider/register-provider.controller';
import { ProviderStoreModule } from './provider-store.module';
import { ProviderQueriesController } from './queries/provider-queries.controller';

@Module({
  imports: [ProviderStoreModule, ShipmentsModule],
  controllers: [RegisterProviderController, ChangeProviderController, ProviderQueriesController],
})
export class ProvidersModule {}
