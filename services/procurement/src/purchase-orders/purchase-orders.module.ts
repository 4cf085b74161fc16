import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { SkuCostRepository } from '../costs/sku-cost.repository';
import { SKU_COST_MODEL, SkuCostSchema } from '../costs/sku-cost.schema';
import { DemandModule } from '../demand/demand.module';
import { PricePassOnHandler } from '../savings/consumers/price-pass-on.handler';
import { ListSavingsController } from '../savings/queries/list-savings/list-savings.controller';
import { SAVINGS_MODEL, SavingsRepository, SavingsSchema } from '../savings/savings.repository';
import { ConfirmPurchaseOrderController } from './commands/confirm-purchase-order/confirm-purchase-order.controller';
import { ReceiveGoodsController } from './commands/receive-goods/receive-goods.controller';
import { RejectPurchaseOrderController } from './commands/reject-purchase-order/reject-purchase-order.controller';
import { SupplierShortfallHandler } from './consumers/supplier-shortfall.handler';
import { PurchaseOrderRepository } from './purchase-order.repository';
import { PURCHASE_ORDER_MODEL, PurchaseOrderSchema } from './purchase-order.schema';
import { GetPurchaseOrderController } from './queries/get-purchase-order/get-purchase-order.controller';
import { ListPurchaseOrdersController } from './queries/list-purchase-orders/list-purchase-orders.controller';

@Module({
  imports: [
    DemandModule,
    MongooseModule.forFeature([
      { name: PURCHASE_ORDER_MODEL, schema: PurchaseOrderSchema },
      { name: SKU_COST_MODEL, schema: SkuCostSchema },
      { name: SAVINGS_MODEL, schema: SavingsSchema },
    ]),
  ],
  controllers: [
    ListPurchaseOrdersController,
    GetPurchaseOrderController,
    ConfirmPurchaseOrderController,
    RejectPurchaseOrderController,
    ReceiveGoodsController,
    SupplierShortfallHandler,
    ListSavingsController,
    PricePassOnHandler,
  ],
  providers: [PurchaseOrderRepository, SkuCostRepository, SavingsRepository],
  exports: [PurchaseOrderRepository, SkuCostRepository, SavingsRepository],
})
export class PurchaseOrdersModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly orders: PurchaseOrderRepository,
    private readonly costs: SkuCostRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.orders.model);
    this.relay.watch(this.costs.model);
  }
}
