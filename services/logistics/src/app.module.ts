import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { LOGISTICS_SERVICE } from './logistics.definition';

@Module({
  imports: [RuntimeModule.forService(LOGISTICS_SERVICE)],
})
export class AppModule {}
