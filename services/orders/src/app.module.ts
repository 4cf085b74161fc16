import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { ORDERS_SERVICE } from './orders.definition';

@Module({
  imports: [RuntimeModule.forService(ORDERS_SERVICE)],
})
export class AppModule {}
