import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { ChangeSupplierStatusController } from './commands/change-supplier-status/change-supplier-status.controller';
import { RegisterSupplierController } from './commands/register-supplier/register-supplier.controller';
import { GetSupplierController } from './queries/get-supplier/get-supplier.controller';
import { ListSuppliersController } from './queries/list-suppliers/list-suppliers.controller';
import { SupplierRepository } from './supplier.repository';
import { SUPPLIER_MODEL, SupplierSchema } from './supplier.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: SUPPLIER_MODEL, schema: SupplierSchema }])],
  controllers: [RegisterSupplierController, ListSuppliersController, GetSupplierController, ChangeSupplierStatusController],
  providers: [SupplierRepository],
  exports: [SupplierRepository],
})
export class SuppliersModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly repo: SupplierRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.repo.model);
  }
}
