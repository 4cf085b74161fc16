import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ConfigurationError, SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { SecretBox } from './secret-box';
import { WebhookCallersController } from './webhook-callers.controller';
import { WEBHOOK_SECRET_BOX, WebhookCallersService } from './webhook-callers.service';
import { WebhookCallerSchema, WEBHOOK_CALLER_MODEL } from './webhook-caller.schema';
import { WebhookDeliveries } from './webhook-deliveries.service';
import { WebhookDeliveryInterceptor } from './webhook-delivery.interceptor';
import { WebhookDeliverySchema, WEBHOOK_DELIVERY_MODEL } from './webhook-delivery.schema';
import { WebhookSignatureGuard } from './webhook-signature.guard';

/**
 * Signed webhooks for outside callers (opt-in). Import it next to
 * `RuntimeModule.forService(...)` and put `@SignedWebhook(channel)` on the
 * routes that receive them. It adds the ops routes under
 * `/v1/webhook-callers` (JWT, role `ops`) and the collections
 * `webhook_callers` and `webhook_deliveries`. Needs WEBHOOK_SECRETS_KEY in
 * production (base64 of 32 bytes), which encrypts the callers' secrets.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    MongooseModule.forFeature([
      { name: WEBHOOK_CALLER_MODEL, schema: WebhookCallerSchema },
      { name: WEBHOOK_DELIVERY_MODEL, schema: WebhookDeliverySchema },
    ]),
  ],
  controllers: [WebhookCallersController],
  providers: [
    {
      provide: WEBHOOK_SECRET_BOX,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => {
        if (!config.webhooks.secretsKey) {
          throw new ConfigurationError([
            'WEBHOOK_SECRETS_KEY: required in production by a service with signed webhooks',
          ]);
        }
        return new SecretBox(config.webhooks.secretsKey);
      },
    },
    WebhookCallersService,
    WebhookDeliveries,
    WebhookSignatureGuard,
    WebhookDeliveryInterceptor,
  ],
  exports: [WebhookCallersService, WebhookDeliveries, WebhookSignatureGuard, WebhookDeliveryInterceptor],
})
export class WebhooksModule {}
