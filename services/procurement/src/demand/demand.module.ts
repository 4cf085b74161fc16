import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TimersModule } from '@netdirect/runtime';
import { CatalogDemandHandler } from './consumers/catalog-demand.handler';
import { DemandSignals } from './demand-signals.service';
import { DemandRepository } from './demand.repository';
import { DEMAND_MODEL, DemandSchema } from './demand.schema';
import { GetDemandController } from './queries/get-demand/get-demand.controller';

@Module({
  imports: [TimersModule, MongooseModule.forFeature([{ name: DEMAND_MODEL, schema: DemandSchema }])],
  controllers: [GetDemandController, CatalogDemandHandler],
  providers: [DemandRepository, DemandSignals],
  exports: [DemandRepository, DemandSignals],
})
export class DemandModule {}
