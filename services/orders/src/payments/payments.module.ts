import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WebhooksModule } from '@netdirect/runtime';
import { OrdersModule } from '../orders/orders.module';
import { HeldPaymentsController } from './commands/decide-held/held-payments.controller';
import { PaymentWebhookController } from './commands/receive-webhook/payment-webhook.controller';
import { RefundRetryHandler } from './commands/retry-refund/refund-retry.handler';
import { RefundsController } from './commands/retry-refund/refunds.controller';
import { ReceivePaymentService } from './commands/receive-webhook/receive-payment.service';
import { HELD_PAYMENT_MODEL, HeldPaymentSchema } from './held-payment.schema';
import { HeldPaymentsRepository } from './held-payments.repository';

/** Payments and refund outcomes from providers' signed webhooks, the payments held for ops, the open refunds and their retries. */
@Module({
  imports: [MongooseModule.forFeature([{ name: HELD_PAYMENT_MODEL, schema: HeldPaymentSchema }]), WebhooksModule, OrdersModule],
  controllers: [PaymentWebhookController, HeldPaymentsController, RefundsController],
  providers: [ReceivePaymentService, HeldPaymentsRepository, RefundRetryHandler],
})
export class PaymentsModule {}
