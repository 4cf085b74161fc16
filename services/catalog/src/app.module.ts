import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { CATALOG_SERVICE } from './catalog.definition';
import { PricingModule } from './pricing/pricing.module';
import { ProductsModule } from './products/products.module';

@Module({
  imports: [RuntimeModule.forService(CATALOG_SERVICE), ProductsModule, PricingModule],
})
export class AppModule {}
