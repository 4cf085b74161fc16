import {
  CanActivate,
  ExecutionContext,
  Injectable,
  InternalServerErrorException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { SIGNED_WEBHOOK, SignedWebhookOptions, VerifiedWebhook } from './signed-webhook.metadata';
import { WebhookCallersService } from './webhook-callers.service';

/** A `webhook-id` we keep as part of a document id: printable ASCII, bounded. */
const WEBHOOK_ID = /^[\x21-\x7e]{1,200}$/;

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Verifies a {@link SignedWebhook} route's Standard Webhooks signature with
 * the `standardwebhooks` library (HMAC-SHA256 over `id.timestamp.body`,
 * constant-time comparison, timestamp within 5 minutes) against each active
 * secret of the caller. Every refusal is 401 with the error body; the
 * message says which check failed, never anything about the secrets.
 */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly callers: WebhookCallersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.get<SignedWebhookOptions | undefined>(
      SIGNED_WEBHOOK,
      context.getHandler(),
    );
    if (!options) return true;
    const req = context
      .switchToHttp()
      .getRequest<Request & { rawBody?: Buffer; webhookDelivery?: VerifiedWebhook }>();
    const param: unknown = req.params?.[options.callerParam];
    const callerId = typeof param === 'string' ? param : undefined;
    if (callerId === undefined) {
      throw new InternalServerErrorException(
        `@SignedWebhook route has no :${options.callerParam} path parameter`,
      );
    }
    const id = header(req, 'webhook-id');
    const timestamp = header(req, 'webhook-timestamp');
    const signature = header(req, 'webhook-signature');
    if (!id || !timestamp || !signature) {
      throw new UnauthorizedException(
        'webhook-id, webhook-timestamp and webhook-signature headers are required',
      );
    }
    if (!WEBHOOK_ID.test(id))
      throw new UnauthorizedException('webhook-id must be 1-200 printable ASCII characters');

    const secrets = await this.callers.verificationSecrets(callerId, options.channel);
    if (!secrets?.length)
      throw new UnauthorizedException(`unknown webhook caller on the ${options.channel} channel`);

    const body = req.rawBody ?? Buffer.alloc(0);
    const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
    for (const secret of secrets) {
      try {
        new Webhook(secret.value).verify(body, headers, { jsonParse: false });
      } catch (e) {
        if (!(e instanceof WebhookVerificationError)) throw e;
        if (/timestamp/i.test(e.message))
          throw new UnauthorizedException(`webhook-timestamp refused: ${e.message}`);
        if (/headers/i.test(e.message))
          throw new UnauthorizedException('webhook-timestamp must be seconds since the epoch');
        continue;
      }
      req.webhookDelivery = {
        callerId,
        channel: options.channel,
        webhookId: id,
        deliveryId: `${callerId}:${id}`,
        sentAt: new Date(Number(timestamp) * 1000),
      };
      return true;
    }
    throw new UnauthorizedException(
      'webhook-signature does not match the body with any secret of this caller',
    );
  }
}
