import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CatalogSkusModule } from '../catalog-skus/catalog-skus.module';
import { DemandModule } from '../demand/demand.module';
import { PriceListsModule } from '../price-lists/price-lists.module';
import { PurchaseOrdersModule } from '../purchase-orders/purchase-orders.module';
import { SuppliersModule } from '../suppliers/suppliers.module';
import { StartRunController } from './commands/start-run/start-run.controller';
import { GetRunController } from './queries/get-run/get-run.controller';
import { ListRunsController } from './queries/list-runs/list-runs.controller';
import { RunProcess } from './run-process.service';
import { RunRepository } from './run.repository';
import { RUN_CHUNK_MODEL, RUN_LEASE_MODEL, RUN_MODEL, RunChunkSchema, RunLeaseSchema, RunSchema } from './run.schema';
import { ResumeRunsService } from './scheduled/resume-runs.service';
import { ScheduledRunHandler } from './scheduled/scheduled-run.handler';

@Module({
  imports: [
    SuppliersModule,
    PriceListsModule,
    CatalogSkusModule,
    DemandModule,
    PurchaseOrdersModule,
    MongooseModule.forFeature([
      { name: RUN_MODEL, schema: RunSchema },
      { name: RUN_CHUNK_MODEL, schema: RunChunkSchema },
      { name: RUN_LEASE_MODEL, schema: RunLeaseSchema },
    ]),
  ],
  controllers: [StartRunController, ListRunsController, GetRunController],
  providers: [RunRepository, RunProcess, ScheduledRunHandler, ResumeRunsService],
  exports: [RunProcess, ResumeRunsService],
})
export class RunsModule {}
