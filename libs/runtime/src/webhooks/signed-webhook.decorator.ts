import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  HttpCode,
  SetMetadata,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ApiErrors } from '../http/error-body';
import { WebhookDeliveryInterceptor } from './webhook-delivery.interceptor';
import { WebhookSignatureGuard } from './webhook-signature.guard';
import { CHANNEL, SIGNED_WEBHOOK, SignedWebhookOptions, VerifiedWebhook } from './signed-webhook.metadata';

/**
 * Turns a POST route into a signed webhook for outside callers of one channel
 * (`payments` for payment providers, `logistics` for 3PLs). The route takes no
 * bearer token; instead (401 otherwise, with the error body):
 *
 * - the caller named by the path parameter (`:callerId`) must exist for this
 *   channel (ops create callers with `POST /v1/webhook-callers`);
 * - the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
 *   `webhook-signature` must sign the exact body bytes with one of the
 *   caller's (at most two) secrets, and the timestamp be within 5 minutes.
 *
 * A `webhook-id` already handled for this caller answers 200 with the first
 * answer again, without calling the handler. The handler answers 200 and must
 * still make its effect idempotent by `VerifiedWebhook.deliveryId`: if
 * the process dies after the effect and before the delivery is recorded as
 * done, the caller's retry runs the handler again (see WebhookDeliveries).
 *
 * ```ts
 * @Post('v1/payment-webhooks/:callerId')
 * @SignedWebhook('payments')
 * async paymentEvent(@Body() body: PaymentNotification, @WebhookDelivery() delivery: VerifiedWebhook) {
 *   await this.recordPayment.execute({ orderId: body.orderId, paymentId: delivery.deliveryId, ... });
 *   return { received: true };
 * }
 * ```
 */
export function SignedWebhook(channel: string, options: { callerParam?: string } = {}): MethodDecorator {
  if (!CHANNEL.test(channel)) throw new Error(`webhook channel "${channel}" must match ${CHANNEL}`);
  const callerParam = options.callerParam ?? 'callerId';
  return applyDecorators(
    SetMetadata(SIGNED_WEBHOOK, { channel, callerParam } satisfies SignedWebhookOptions),
    Public(),
    HttpCode(200),
    UseGuards(WebhookSignatureGuard),
    UseInterceptors(WebhookDeliveryInterceptor),
    ApiParam({
      name: callerParam,
      description: `Your caller id on the ${channel} channel, as ops registered it`,
      schema: { type: 'string', maxLength: 63 },
    }),
    ApiHeader({
      name: 'webhook-id',
      required: true,
      description: 'Standard Webhooks: your unique id of this message; the same on every retry of it',
    }),
    ApiHeader({
      name: 'webhook-timestamp',
      required: true,
      description: 'Standard Webhooks: seconds since the epoch; refused more than 5 minutes from our time',
    }),
    ApiHeader({
      name: 'webhook-signature',
      required: true,
      description:
        'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, space-separated if several',
    }),
    ApiOkResponse({
      description:
        'Received. A repeated webhook-id gets the first answer again, with the header `webhook-duplicate: true`',
    }),
    ApiErrors(401, 409),
  );
}

/** The verified delivery of a {@link SignedWebhook} route. */
export const WebhookDelivery = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): VerifiedWebhook => ctx.switchToHttp().getRequest().webhookDelivery,
);
