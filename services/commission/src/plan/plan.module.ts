import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { PeriodInputsModule } from '../periods/period-inputs.module';
import { ActivePlans } from './active-plans';
import { PLAN_VERSION_MODEL, PlanVersionSchema } from './plan-version.schema';
import { MarketProfiles } from './market-profiles';
import { PlanVersions } from './plan-versions.repository';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

/** The compensation plan as versioned data: store, lint, activate, read, simulate; ActivePlans for the ledger. */
@Module({
  imports: [MongooseModule.forFeature([{ name: PLAN_VERSION_MODEL, schema: PlanVersionSchema }]), PeriodInputsModule],
  controllers: [PlansController],
  providers: [MarketProfiles, PlanVersions, PlansService, ActivePlans],
  exports: [ActivePlans],
})
export class PlanModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly versions: PlanVersions,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.versions.model);
  }
}
