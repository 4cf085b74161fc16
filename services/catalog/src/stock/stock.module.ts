import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { AdjustStockController } from './commands/adjust-stock/adjust-stock.controller';
import { AdjustStockService } from './commands/adjust-stock/adjust-stock.service';
import { ReceiveGoodsHandler } from './commands/receive-goods/receive-goods.handler';
import { RestockReturnHandler } from './commands/restock-return/restock-return.handler';
import { SetReorderController } from './commands/set-reorder/set-reorder.controller';
import { TrackSkuStatusHandler } from './commands/track-sku-status/track-sku-status.handler';
import { GetStockController } from './queries/get-stock/get-stock.controller';
import { ListStockController } from './queries/list-stock/list-stock.controller';
import { StockRepository } from './stock.repository';
import { STOCK_MOVEMENT_MODEL, StockMovementSchema } from './stock-movement.schema';
import { STOCK_MODEL, StockSchema } from './stock.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: STOCK_MODEL, schema: StockSchema },
      { name: STOCK_MOVEMENT_MODEL, schema: StockMovementSchema },
    ]),
  ],
  controllers: [
    ListStockController,
    GetStockController,
    SetReorderController,
    AdjustStockController,
    ReceiveGoodsHandler,
    RestockReturnHandler,
    TrackSkuStatusHandler,
  ],
  providers: [StockRepository, AdjustStockService],
  exports: [StockRepository],
})
export class StockModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly stock: StockRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.stock.model);
  }
}
