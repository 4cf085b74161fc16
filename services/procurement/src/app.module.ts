import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { PriceListsModule } from './price-lists/price-lists.module';
import { PROCUREMENT_SERVICE } from './procurement.definition';
import { SuppliersModule } from './suppliers/suppliers.module';

@Module({
  imports: [RuntimeModule.forService(PROCUREMENT_SERVICE), SuppliersModule, PriceListsModule],
})
export class AppModule {}
