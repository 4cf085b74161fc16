import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { isDuplicateKeyError } from '../consumer/errors';
import { VerifiedWebhook } from './signed-webhook.metadata';
import { WEBHOOK_DELIVERY_MODEL, WebhookDeliveryDoc } from './webhook-delivery.schema';

/** What to do with a verified delivery. */
export type DeliveryClaim =
  | { kind: 'run'; leaseUntil: Date }
  | { kind: 'done'; result: unknown }
  | { kind: 'busy' };

/**
 * Remembers the webhook deliveries handled, by `_id` = `<caller>:<webhook-id>`,
 * so a repeated delivery answers 200 without reaching the handler.
 *
 * The order, and why. There is no transaction to make "apply the effect" and
 * "remember the delivery" one step, so one of the two goes first:
 *
 * 1. **Claim** (insert `processing` with a lease). A second copy arriving
 *    meanwhile gets 409 and is retried by the caller later.
 * 2. **Run the handler** (the effect).
 * 3. **Record done** with the handler's answer. Copies from then on get that
 *    answer again, with no effect.
 *
 * Recording first and applying second would lose the effect on a crash
 * between them (every retry would be answered "already done"), so the
 * record comes last. A crash between 2 and 3 leaves a `processing` claim
 * whose lease expires; the caller's retry takes it over and runs the handler
 * again. That second run must not apply the effect twice, and that is the
 * handler's part: its effect is keyed by the delivery id (an id derived from
 * {@link VerifiedWebhook.deliveryId} behind a unique index, or a state-guarded
 * transition such as "mark paid if awaiting payment"), like every consumer
 * effect. A handler that throws releases the claim so the caller's retry runs
 * it again.
 */
@Injectable()
export class WebhookDeliveries {
  /** How long a replica owns a delivery whose handler it runs (WEBHOOK_DELIVERY_LEASE_MS); a retry after that runs the handler again. */
  private readonly leaseMs: number;

  constructor(
    @InjectModel(WEBHOOK_DELIVERY_MODEL) private readonly deliveries: Model<WebhookDeliveryDoc>,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.leaseMs = config.webhooks.deliveryLeaseMs;
  }

  async claim(delivery: VerifiedWebhook): Promise<DeliveryClaim> {
    const now = Date.now();
    const leaseUntil = new Date(now + this.leaseMs);
    try {
      await this.deliveries.collection.insertOne({
        _id: delivery.deliveryId,
        callerId: delivery.callerId,
        webhookId: delivery.webhookId,
        status: 'processing',
        leaseUntil,
        attempts: 1,
        receivedAt: new Date(now),
      } as never);
      return { kind: 'run', leaseUntil };
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    const takenOver = await this.deliveries.collection.findOneAndUpdate(
      { _id: delivery.deliveryId as never, status: 'processing', leaseUntil: { $lte: new Date(now) } },
      { $set: { leaseUntil }, $inc: { attempts: 1 } },
    );
    if (takenOver) return { kind: 'run', leaseUntil };
    const seen = (await this.deliveries.collection.findOne({
      _id: delivery.deliveryId as never,
    })) as unknown as WebhookDeliveryDoc | null;
    if (seen?.status === 'done') return { kind: 'done', result: seen.result ?? null };
    return { kind: 'busy' };
  }

  /** Record the delivery as handled, with the answer a repeated delivery gets. */
  async complete(deliveryId: string, result: unknown): Promise<void> {
    // Also when the lease was lost to a retry meanwhile: the handler ran, its effect is idempotent.
    await this.deliveries.collection.updateOne(
      { _id: deliveryId as never, status: 'processing' },
      { $set: { status: 'done', completedAt: new Date(), result: result ?? null, leaseUntil: null } },
    );
  }

  /** Forget a claim whose handler failed, so the caller's retry runs it again. */
  async release(deliveryId: string, leaseUntil: Date): Promise<void> {
    await this.deliveries.collection.deleteOne({
      _id: deliveryId as never,
      status: 'processing',
      leaseUntil,
    });
  }
}
