/**
 * A tiny service for the signed-webhook tests: a payments webhook whose
 * effect is keyed by the delivery id (as every handler's must be), counting
 * how often the handler itself ran; and a logistics webhook, so a caller of
 * one channel can be shown not to reach the other.
 */
import { Body, Controller, Module, Post } from '@nestjs/common';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { IsInt, IsString, Min } from 'class-validator';
import { Model } from 'mongoose';
import {
  isDuplicateKeyError,
  RuntimeModule,
  SignedWebhook,
  VerifiedWebhook,
  WebhookDelivery,
  WebhooksModule,
} from '../../src';

@Schema({ collection: 'probe_payments' })
export class ProbePayment {
  @Prop({ type: String }) _id: string;
  @Prop() orderId: string;
  @Prop() amountMinor: number;
}
export const ProbePaymentSchema = SchemaFactory.createForClass(ProbePayment);

class PaymentNotification {
  @IsString() orderId: string;
  @IsInt() @Min(0) amountMinor: number;
}

/** Handler runs per delivery id, across the apps a test boots. */
export const webhookRuns = new Map<string, number>();

@Controller()
export class ProbeWebhooksController {
  constructor(@InjectModel(ProbePayment.name) private readonly payments: Model<ProbePayment>) {}

  @Post('v1/payment-webhooks/:callerId')
  @SignedWebhook('payments')
  async payment(@Body() body: PaymentNotification, @WebhookDelivery() delivery: VerifiedWebhook) {
    webhookRuns.set(delivery.deliveryId, (webhookRuns.get(delivery.deliveryId) ?? 0) + 1);
    try {
      await this.payments.create({
        _id: `payment:${delivery.deliveryId}`,
        orderId: body.orderId,
        amountMinor: body.amountMinor,
      });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    return { received: true, orderId: body.orderId };
  }

  @Post('v1/shipment-webhooks/:providerId')
  @SignedWebhook('logistics', { callerParam: 'providerId' })
  shipment(@WebhookDelivery() delivery: VerifiedWebhook) {
    webhookRuns.set(delivery.deliveryId, (webhookRuns.get(delivery.deliveryId) ?? 0) + 1);
    return { received: true };
  }
}

@Module({
  imports: [
    RuntimeModule.forService({
      name: 'orders',
      defaultHttpPort: 0,
      title: 'webhooks probe',
      description: 'probe',
    }),
    WebhooksModule,
    MongooseModule.forFeature([{ name: ProbePayment.name, schema: ProbePaymentSchema }]),
  ],
  controllers: [ProbeWebhooksController],
})
export class WebhooksProbeAppModule {}
