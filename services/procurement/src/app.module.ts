import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { PROCUREMENT_SERVICE } from './procurement.definition';

@Module({
  imports: [RuntimeModule.forService(PROCUREMENT_SERVICE)],
})
export class AppModule {}
