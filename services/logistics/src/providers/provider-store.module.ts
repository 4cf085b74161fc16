import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProviderRepository } from './provider.repository';
import { PROVIDER_MODEL, ProviderSchema } from './provider.schema';

/** The provider repository alone, for routing (the provider routes are in ProvidersModule). */
@Module({
  imports: [MongooseModule.forFeature([{ name: PROVIDER_MODEL, schema: ProviderSchema }])],
  providers: [ProviderRepository],
  exports: [ProviderRepository],
})
export class ProviderStoreModule {}
