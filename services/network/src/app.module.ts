import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { MembersModule } from './members/members.module';
import { NETWORK_SERVICE } from './network.definition';
import { PartiesModule } from './parties/parties.module';
import { TransfersModule } from './transfers/transfers.module';

@Module({
  imports: [RuntimeModule.forService(NETWORK_SERVICE), MembersModule, PartiesModule, TransfersModule],
})
export class AppModule {}
