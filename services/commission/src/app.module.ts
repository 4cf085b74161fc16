import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { COMMISSION_SERVICE } from './commission.definition';

@Module({
  imports: [RuntimeModule.forService(COMMISSION_SERVICE)],
})
export class AppModule {}
