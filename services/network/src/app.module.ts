import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { MembersModule } from './members/members.module';
import { NETWORK_SERVICE } from './network.definition';

@Module({
  imports: [RuntimeModule.forService(NETWORK_SERVICE), MembersModule],
})
export class AppModule {}
