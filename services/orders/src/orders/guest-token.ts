import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, SERVICE_SETTINGS, ServiceConfig } from '@netdirect/runtime';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { OrdersSettings } from '../orders.settings';

/**
 * A guest's order access token: an HMAC-SHA256 of the order id, so a retried
 * guest order answers the same token and no token is stored. The key is
 * ORDERS_GUEST_TOKEN_SECRET when set, else derived from the service's
 * JWT_SECRET (required in production), so production never signs guest
 * tokens with a development default.
 */
@Injectable()
export class GuestTokens {
  private readonly key: Buffer;

  constructor(@Inject(SERVICE_SETTINGS) settings: OrdersSettings, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.key = settings.ORDERS_GUEST_TOKEN_SECRET
      ? Buffer.from(settings.ORDERS_GUEST_TOKEN_SECRET, 'utf8')
      : createHmac('sha256', config.auth.secret).update('netdirect/orders/guest-order-tokens').digest();
  }

  issue(orderId: string): string {
    return createHmac('sha256', this.key).update(`guest-order:${orderId}`).digest('base64url');
  }

  /** True if `token` is the access token of `orderId` (constant-time). */
  verify(orderId: string, token: string | undefined): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.issue(orderId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
