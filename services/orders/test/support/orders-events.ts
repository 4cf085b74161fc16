import {
  exampleOf,
  MemberRegistered,
  MemberStatusChanged,
  MemberUpgraded,
  ProductPublished,
  ProductRetired,
  ReturnShipmentReceived,
  ShipmentDelivered,
  ShipmentDispatched,
  ShipmentReturnedToSender,
  StockCommitFailed,
  StockReleased,
  StockReservationRejected,
  StockReserved,
} from '@netdirect/contracts';
import { eventMessage, uniqueId } from '@netdirect/runtime/testing';

/*
 * The events the orders service takes in, as the catalog and the network
 * would produce them, built from the contracts' examples with the fields a
 * test cares about. Each is a message ready for KafkaTestClient.produce.
 */

const example = <T>(type: string) => exampleOf(type) as unknown as T;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

export interface TestSku {
  skuId: string;
  name: string;
  retail: number;
  member: number;
  bv: number;
}

export function productPublished(productId: string, name: string, skus: TestSku[]) {
  const base = example<ProductPublished>('ProductPublished');
  return eventMessage(ProductPublished, {
    ...base,
    productId,
    name,
    skus: skus.map((s) => ({ ...base.skus[0], skuId: s.skuId, name: s.name, retailPrice: eur(s.retail), memberPrice: eur(s.member), bv: s.bv })),
  });
}

export function productRetired(productId: string, skuIds: string[]) {
  return eventMessage(ProductRetired, { ...example<ProductRetired>('ProductRetired'), productId, skuIds, productRetired: false });
}

export function memberRegistered(memberId: string, kind: 'consumer' | 'operator', uplinePath: string[], referralCode?: string) {
  const base = example<MemberRegistered>('MemberRegistered');
  const { referralCode: _code, ...rest } = base;
  return eventMessage(MemberRegistered, {
    ...rest,
    memberId,
    kind,
    sponsorId: uplinePath[0] ?? null,
    depth: uplinePath.length,
    uplinePath,
    market: 'DE',
    ...(referralCode ? { referralCode } : {}),
  });
}

export function memberUpgraded(memberId: string, referralCode: string) {
  return eventMessage(MemberUpgraded, { ...example<MemberUpgraded>('MemberUpgraded'), memberId, referralCode });
}

export function memberStatusChanged(memberId: string, to: 'active' | 'suspended' | 'terminated') {
  return eventMessage(MemberStatusChanged, { ...example<MemberStatusChanged>('MemberStatusChanged'), memberId, from: 'active', to });
}

export function stockReserved(orderId: string, expiresAt: string, lines: { skuId: string; quantity: number }[]) {
  return eventMessage(StockReserved, { orderId, reservationId: uniqueId('res-'), lines, expiresAt, reservedAt: '2030-01-01T00:00:00.000Z' });
}

export function stockRejected(orderId: string, skuId: string) {
  return eventMessage(StockReservationRejected, {
    orderId,
    reason: 'insufficient-stock',
    shortLines: [{ skuId, requested: 2, available: 1 }],
    rejectedAt: '2030-01-01T00:00:00.000Z',
  });
}

/** A release of reservation `reservationId` (the one the order was confirmed with, or another). */
export function stockReleased(orderId: string, skuId: string, reason: StockReleased['reason'], reservationId: string) {
  return eventMessage(StockReleased, { orderId, reservationId, lines: [{ skuId, quantity: 1 }], reason, releasedAt: '2030-01-01T00:30:00.000Z' });
}

export function stockCommitFailed(orderId: string, skuId: string, reservationId: string) {
  return eventMessage(StockCommitFailed, {
    orderId,
    reservationId,
    shortLines: [{ skuId, requested: 1, available: 0 }],
    failedAt: '2030-01-01T00:31:00.000Z',
  });
}

export function shipmentDispatched(orderId: string, shipmentId: string) {
  return eventMessage(ShipmentDispatched, { ...example<ShipmentDispatched>('ShipmentDispatched'), orderId, shipmentId });
}

export function shipmentDelivered(orderId: string, shipmentId: string, direction: 'outbound' | 'return' = 'outbound') {
  return eventMessage(ShipmentDelivered, { ...example<ShipmentDelivered>('ShipmentDelivered'), orderId, shipmentId, direction });
}

export function shipmentReturnedToSender(orderId: string, shipmentId: string, direction: 'outbound' | 'return', lines: { skuId: string; quantity: number }[]) {
  return eventMessage(ShipmentReturnedToSender, {
    shipmentId,
    orderId,
    direction,
    providerId: 'dhl',
    providerReference: uniqueId('ref-'),
    lines,
    returnedAt: '2030-01-03T00:00:00.000Z',
  });
}

/** A return parcel as logistics reports it after inspection: per SKU, resellable or not. */
export function returnShipmentReceived(orderId: string, returnId: string, lines: { skuId: string; quantity: number; resellable: boolean }[]) {
  return eventMessage(ReturnShipmentReceived, {
    shipmentId: uniqueId('shp-ret-'),
    orderId,
    returnId,
    providerId: 'dhl',
    lines,
    receivedAt: '2030-01-05T00:00:00.000Z',
  });
}
