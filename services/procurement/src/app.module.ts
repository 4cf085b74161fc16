import { Module } from '@nestjs/common';
import { RuntimeModule, TimersModule } from '@netdirect/runtime';
import { CatalogSkusModule } from './catalog-skus/catalog-skus.module';
import { DemandModule } from './demand/demand.module';
import { InvoicesModule } from './invoices/invoices.module';
import { PriceListsModule } from './price-lists/price-lists.module';
import { PROCUREMENT_SERVICE } from './procurement.definition';
import { PurchaseOrdersModule } from './purchase-orders/purchase-orders.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { RunsModule } from './runs/runs.module';
import { SuppliersModule } from './suppliers/suppliers.module';

@Module({
  imports: [
    RuntimeModule.forService(PROCUREMENT_SERVICE),
    TimersModule,
    SuppliersModule,
    PriceListsModule,
    CatalogSkusModule,
    DemandModule,
    PurchaseOrdersModule,
    RunsModule,
    InvoicesModule,
    ReceiptsModule,
  ],
})
export class AppModule {}
