import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { PurchaseOrdersModule } from '../purchase-orders/purchase-orders.module';
import { ReceiptEffectsHandler } from './receipt-effects.handler';

/** What a receipt causes beyond its order: landed costs, savings, and another look at the order's held invoices. */
@Module({
  imports: [PurchaseOrdersModule, InvoicesModule],
  controllers: [ReceiptEffectsHandler],
})
export class ReceiptsModule {}
