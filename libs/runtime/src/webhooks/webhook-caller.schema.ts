import { Schema } from 'mongoose';
import { SealedSecret } from './secret-box';

/** One signing secret of a caller, sealed (see SecretBox). */
export interface StoredWebhookSecret extends SealedSecret {
  id: string;
  createdAt: Date;
}

/**
 * An outside party allowed to call one channel's signed webhooks (a payment
 * provider on `payments`), in `webhook_callers`, `_id` = caller id. At most
 * two secrets at a time, so a caller can move to a new one without a gap.
 */
export interface WebhookCallerDoc {
  _id: string;
  channel: string;
  name: string;
  secrets: StoredWebhookSecret[];
  /** Compare-and-set token of every change. */
  version: number;
  createdAt: Date;
}

export const WEBHOOK_CALLER_MODEL = 'RuntimeWebhookCaller';

const StoredSecretSchema = new Schema<StoredWebhookSecret>(
  {
    id: { type: String, required: true },
    iv: { type: String, required: true },
    ciphertext: { type: String, required: true },
    tag: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

export const WebhookCallerSchema = new Schema<WebhookCallerDoc>(
  {
    _id: { type: String },
    channel: { type: String, required: true },
    name: { type: String, required: true },
    secrets: { type: [StoredSecretSchema], default: [] },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'webhook_callers', versionKey: false },
);
