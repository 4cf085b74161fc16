import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CatalogEventsHandler } from './catalog-events.handler';
import { CATALOG_SKU_MODEL, CatalogSkuSchema } from './catalog-sku.schema';
import { CatalogSkusRepository } from './catalog-skus.repository';
import { NetworkEventsHandler } from './network-events.handler';
import { NETWORK_MEMBER_MODEL, NetworkMemberSchema } from './network-member.schema';
import { NetworkMembersRepository } from './network-members.repository';

/** What orders keeps of other services' events: the SKUs it prices and the members it sells to. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CATALOG_SKU_MODEL, schema: CatalogSkuSchema },
      { name: NETWORK_MEMBER_MODEL, schema: NetworkMemberSchema },
    ]),
  ],
  controllers: [CatalogEventsHandler, NetworkEventsHandler],
  providers: [CatalogSkusRepository, NetworkMembersRepository],
  exports: [CatalogSkusRepository, NetworkMembersRepository],
})
export class ReadModelsModule {}
