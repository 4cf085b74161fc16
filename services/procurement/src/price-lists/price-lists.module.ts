import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { SuppliersModule } from '../suppliers/suppliers.module';
import { PublishPriceListController } from './commands/publish-price-list/publish-price-list.controller';
import { IndexPriceListHandler } from './consumers/index-price-list.handler';
import { PriceListRepository } from './price-list.repository';
import { PRICE_LIST_MODEL, PriceListSchema, SKU_OFFERS_MODEL, SkuOffersSchema } from './price-list.schema';
import { GetPriceListController } from './queries/get-price-list/get-price-list.controller';
import { ListPriceListsController } from './queries/list-price-lists/list-price-lists.controller';

@Module({
  imports: [
    SuppliersModule,
    MongooseModule.forFeature([
      { name: PRICE_LIST_MODEL, schema: PriceListSchema },
      { name: SKU_OFFERS_MODEL, schema: SkuOffersSchema },
    ]),
  ],
  controllers: [PublishPriceListController, ListPriceListsController, GetPriceListController, IndexPriceListHandler],
  providers: [PriceListRepository],
  exports: [PriceListRepository],
})
export class PriceListsModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly lists: PriceListRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.lists.model);
  }
}
