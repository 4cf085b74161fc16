import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay, TimersModule } from '@netdirect/runtime';
import { Markets } from '../markets/markets.service';
import { REFUND_REQUEST_MODEL, RefundRequestSchema } from '../refunds/refund-request.schema';
import { RefundRequestsRepository } from '../refunds/refund-requests.repository';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CancelOrderController } from './commands/cancel-order/cancel-order.controller';
import { PaymentDeadlineHandler } from './commands/expire-payment/payment-deadline.handler';
import { PlaceOrderController } from './commands/place-order/place-order.controller';
import { PlaceOrderService } from './commands/place-order/place-order.service';
import { RequestReturnController } from './commands/request-return/request-return.controller';
import { RequestReturnService } from './commands/request-return/request-return.service';
import { ReturnShipmentReceivedHandler } from './commands/receive-return/return-shipment-received.handler';
import { ReturnWindowHandler } from './commands/complete-order/return-window.handler';
import { ShipmentEventsHandler } from './commands/track-shipment/shipment-events.handler';
import { ReservationEventsHandler } from './commands/track-reservation/reservation-events.handler';
import { OrderProcess } from './order-process.service';
import { GuestTokens } from './guest-token';
import { OrderRepository } from './order.repository';
import { ORDER_COUNTER_MODEL, ORDER_MODEL, OrderCounterSchema, OrderSchema } from './order.schema';
import { GetOrderController } from './queries/get-order/get-order.controller';
import { ListOrdersController } from './queries/list-orders/list-orders.controller';

@Module({
  imports: [MongooseModule.forFeature([
      { name: ORDER_MODEL, schema: OrderSchema },
      { name: ORDER_COUNTER_MODEL, schema: OrderCounterSchema },
      { name: REFUND_REQUEST_MODEL, schema: RefundRequestSchema },
    ]), ReadModelsModule, TimersModule],
  controllers: [
    PlaceOrderController,
    ListOrdersController,
    GetOrderController,
    CancelOrderController,
    RequestReturnController,
    ReservationEventsHandler,
    ShipmentEventsHandler,
    ReturnShipmentReceivedHandler,
  ],
  providers: [
    GuestTokens,
    OrderRepository,
    OrderProcess,
    PlaceOrderService,
    RequestReturnService,
    PaymentDeadlineHandler,
    ReturnWindowHandler,
    Markets,
    RefundRequestsRepository,
  ],
  exports: [OrderRepository, OrderProcess, RefundRequestsRepository],
})
export class OrdersModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly orders: OrderRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.orders.model);
  }
}
