import { Module } from '@nestjs/common';
import { RuntimeModule, TimersModule } from '@netdirect/runtime';
import { OrdersModule } from './orders/orders.module';
import { ORDERS_SERVICE } from './orders.definition';
import { ReadModelsModule } from './read-models/read-models.module';

@Module({
  imports: [RuntimeModule.forService(ORDERS_SERVICE), ReadModelsModule, TimersModule, OrdersModule],
})
export class AppModule {}
