import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { from, mergeMap, Observable, of, catchError, throwError } from 'rxjs';
import { VerifiedWebhook } from './signed-webhook.metadata';
import { WebhookDeliveries } from './webhook-deliveries.service';

/** Header on the answer to a repeated delivery. */
export const WEBHOOK_DUPLICATE_HEADER = 'webhook-duplicate';

/**
 * Runs a verified delivery's handler at most once in the normal course (see
 * {@link WebhookDeliveries} for the order of claim, effect and record): a
 * delivery already handled answers its first answer again, one being handled
 * answers 409, a handler that fails releases its claim.
 */
@Injectable()
export class WebhookDeliveryInterceptor implements NestInterceptor {
  constructor(private readonly deliveries: WebhookDeliveries) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const delivery = http.getRequest<{ webhookDelivery?: VerifiedWebhook }>().webhookDelivery;
    if (!delivery) return next.handle();
    const claim = await this.deliveries.claim(delivery);
    if (claim.kind === 'done') {
      http.getResponse<Response>().setHeader(WEBHOOK_DUPLICATE_HEADER, 'true');
      return of(claim.result);
    }
    if (claim.kind === 'busy') {
      throw new ConflictException(`webhook ${delivery.webhookId} is being handled now; retry later`);
    }
    return next.handle().pipe(
      mergeMap((result) => from(this.deliveries.complete(delivery.deliveryId, result).then(() => result))),
      catchError((e) =>
        from(this.deliveries.release(delivery.deliveryId, claim.leaseUntil).catch(() => undefined)).pipe(
          mergeMap(() => throwError(() => e)),
        ),
      ),
    );
  }
}
