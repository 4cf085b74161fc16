import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { PurchaseOrdersModule } from '../purchase-orders/purchase-orders.module';
import { SuppliersModule } from '../suppliers/suppliers.module';
import { CorrectInvoiceController } from './commands/correct-invoice/correct-invoice.controller';
import { CreditInvoiceController } from './commands/credit-invoice/credit-invoice.controller';
import { SettleInvoiceController } from './commands/settle-invoice/settle-invoice.controller';
import { SubmitInvoiceController } from './commands/submit-invoice/submit-invoice.controller';
import { GetInvoiceController } from './queries/get-invoice/get-invoice.controller';
import { ListInvoicesController } from './queries/list-invoices/list-invoices.controller';
import { PayablesController } from './queries/payables/payables.controller';
import { SupplierInvoiceRepository } from './supplier-invoice.repository';
import { SUPPLIER_INVOICE_MODEL, SupplierInvoiceSchema } from './supplier-invoice.schema';

@Module({
  imports: [SuppliersModule, PurchaseOrdersModule, MongooseModule.forFeature([{ name: SUPPLIER_INVOICE_MODEL, schema: SupplierInvoiceSchema }])],
  controllers: [
    SubmitInvoiceController,
    ListInvoicesController,
    GetInvoiceController,
    CreditInvoiceController,
    CorrectInvoiceController,
    SettleInvoiceController,
    PayablesController,
  ],
  providers: [SupplierInvoiceRepository],
  exports: [SupplierInvoiceRepository],
})
export class InvoicesModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly invoices: SupplierInvoiceRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.invoices.model);
  }
}
