import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { COMMISSION_SERVICE } from './commission.definition';
import { NetworkMembersModule } from './network-members/network-members.module';

@Module({
  imports: [RuntimeModule.forService(COMMISSION_SERVICE), NetworkMembersModule],
})
export class AppModule {}
