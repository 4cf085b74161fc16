import { Module } from '@nestjs/common';
import { RuntimeModule, TimersModule, WebhooksModule } from '@netdirect/runtime';
import { OrdersModule } from './orders/orders.module';
import { ORDERS_SERVICE } from './orders.definition';
import { PaymentsModule } from './payments/payments.module';
import { ReadModelsModule } from './read-models/read-models.module';

@Module({
  imports: [RuntimeModule.forService(ORDERS_SERVICE), ReadModelsModule, TimersModule, WebhooksModule, OrdersModule, PaymentsModule],
})
export class AppModule {}
