import { Schema } from 'mongoose';

/**
 * One webhook delivery seen, in `webhook_deliveries`, `_id` =
 * `<caller>:<webhook-id>`: `processing` while its handler runs (under a
 * lease), `done` with the answer given once it has run.
 */
export interface WebhookDeliveryDoc {
  _id: string;
  callerId: string;
  webhookId: string;
  status: 'processing' | 'done';
  leaseUntil: Date | null;
  attempts: number;
  receivedAt: Date;
  completedAt?: Date;
  /** The handler's answer, given again to a repeated delivery. */
  result?: unknown;
}

export const WEBHOOK_DELIVERY_MODEL = 'RuntimeWebhookDelivery';

export const WebhookDeliverySchema = new Schema<WebhookDeliveryDoc>(
  {
    _id: { type: String },
    callerId: { type: String, required: true },
    webhookId: { type: String, required: true },
    status: { type: String, required: true },
    leaseUntil: { type: Date, default: null },
    attempts: { type: Number, required: true },
    receivedAt: { type: Date, required: true },
    completedAt: { type: Date },
    result: { type: Schema.Types.Mixed },
  },
  { collection: 'webhook_deliveries', versionKey: false },
);
