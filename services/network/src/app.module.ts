import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { NETWORK_SERVICE } from './network.definition';

@Module({
  imports: [RuntimeModule.forService(NETWORK_SERVICE)],
})
export class AppModule {}
