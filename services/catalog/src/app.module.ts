import { Module } from '@nestjs/common';
import { RuntimeModule, TimersModule } from '@netdirect/runtime';
import { CATALOG_SERVICE } from './catalog.definition';
import { PricingModule } from './pricing/pricing.module';
import { ProductsModule } from './products/products.module';
import { ReservationsModule } from './reservations/reservations.module';
import { StockModule } from './stock/stock.module';
import { SearchModule } from './search/search.module';

@Module({
  imports: [
    RuntimeModule.forService(CATALOG_SERVICE),
    ProductsModule,
    SearchModule,
    PricingModule,
    TimersModule,
    StockModule,
    ReservationsModule,
  ],
})
export class AppModule {}
