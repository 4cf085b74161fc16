import { createHmac, timingSafeEqual } from 'node:crypto';

/** A guest's access token for one order: HMAC-SHA256 of the order id under the service's secret, base64url. */
export function guestToken(secret: string, orderId: string): string {
  return createHmac('sha256', secret).update(`guest-order:${orderId}`).digest('base64url');
}

/** True if `token` is the access token of `orderId` (constant-time). */
export function isGuestToken(secret: string, orderId: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(guestToken(secret, orderId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
