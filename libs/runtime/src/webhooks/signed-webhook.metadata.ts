/** Route metadata of a signed webhook, and what its handler is given (no imports: guard, service and decorator share it). */

export const SIGNED_WEBHOOK = 'netdirect:signed-webhook';

/** What {@link SignedWebhook} stores on the route. */
export interface SignedWebhookOptions {
  channel: string;
  /** The path parameter naming the caller; `callerId` by default. */
  callerParam: string;
}

/** A verified delivery, as {@link WebhookDelivery} gives it to the handler. */
export interface VerifiedWebhook {
  callerId: string;
  channel: string;
  /** The `webhook-id` header: the caller's id of this message, the same on its retries. */
  webhookId: string;
  /** `<callerId>:<webhookId>`: derive the ids of the handler's effects from it. */
  deliveryId: string;
  /** The `webhook-timestamp` header, as a date. */
  sentAt: Date;
}

export const CHANNEL = /^[a-z][a-z0-9-]{0,39}$/;
