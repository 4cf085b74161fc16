import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, SignedWebhook, VerifiedWebhook, WebhookDelivery } from '@netdirect/runtime';
import { PaymentReceiptView } from '../../payment.view';
import { PaymentNotificationRequest } from './payment-notification.request';
import { ReceivePaymentService } from './receive-payment.service';

@ApiTags('payments')
@Controller('v1/payments/webhook')
export class PaymentWebhookController {
  constructor(private readonly service: ReceivePaymentService) {}

  @Post(':providerId')
  @SignedWebhook('payments', { callerParam: 'providerId' })
  @ApiOperation({
    summary: 'A payment provider reports a payment or the outcome of a refund (Standard Webhooks; ops register providers under /v1/webhook-callers, channel payments).',
    description:
      "The order's exact total pays a confirmed order (OrderPaid), waits for the confirmation of a placed one, and is owed back for a rejected " +
      'or cancelled one; any other amount or currency is held for ops (GET /v1/payments/held) and not applied. ' +
      'refund.succeeded confirms a refund we asked for (OrderRefunded for a refunded order), refund.failed marks it failed for ops to retry. ' +
      'Forged, stale or tampered deliveries are 401; a repeated webhook-id has no second effect.',
  })
  @ApiOkResponse({ type: PaymentReceiptView })
  @ApiErrors(404, 422)
  async receive(@Body() body: PaymentNotificationRequest, @WebhookDelivery() delivery: VerifiedWebhook): Promise<PaymentReceiptView> {
    return { outcome: await this.service.receive(delivery.callerId, body), orderId: body.orderId };
  }
}
