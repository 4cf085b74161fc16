import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkMembersModule } from '../network-members/network-members.module';
import { COMMISSION_ORDER_MODEL, CommissionOrderSchema } from '../orders/commission-order.schema';
import { CommissionOrdersRepository } from '../orders/commission-orders.repository';
import { PeriodInputsReader } from './period-inputs.reader';

/**
 * What a period's computation reads (the network and orders read models),
 * importable on its own: the plan routes' simulate reads past periods
 * through {@link PeriodInputsReader} without depending on the ledger.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: COMMISSION_ORDER_MODEL, schema: CommissionOrderSchema }]), NetworkMembersModule],
  providers: [CommissionOrdersRepository, PeriodInputsReader],
  exports: [CommissionOrdersRepository, PeriodInputsReader, NetworkMembersModule],
})
export class PeriodInputsModule {}
