import { Module } from '@nestjs/common';
import { RuntimeModule } from '@netdirect/runtime';
import { COMMISSION_SERVICE } from './commission.definition';
import { LedgerModule } from './ledger/ledger.module';
import { NetworkMembersModule } from './network-members/network-members.module';
import { PlanModule } from './plan/plan.module';

@Module({
  imports: [RuntimeModule.forService(COMMISSION_SERVICE), NetworkMembersModule, PlanModule, LedgerModule],
})
export class AppModule {}
