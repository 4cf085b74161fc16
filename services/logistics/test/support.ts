import { OrderCancelled, OrderPaid, OrderPlaced, ProductPublished, ReturnRequested, StockCommitted } from '@netdirect/contracts';
import { derivedId } from '@netdirect/runtime';
import { eventMessage, uniqueId } from '@netdirect/runtime/testing';

/*
 * Other services' events as their owners produce them, for the logistics
 * e2e tests (which act as the catalog and orders).
 */

export const ADDRESS = { name: 'Ada Lovelace', lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' };
const eur = (amount: number) => ({ amount, currency: 'EUR' });

export interface TestSku {
  skuId: string;
  weightGrams: number;
  dimensions: { lengthMm: number; widthMm: number; heightMm: number };
}

export function productPublished(skus: TestSku[]) {
  const data: ProductPublished = {
    productId: uniqueId('prod-'),
    name: 'Green tea',
    description: null,
    categoryId: 'tea',
    skus: skus.map((s) => ({ skuId: s.skuId, name: 'Pack', retailPrice: eur(1299), memberPrice: eur(999), bv: 800, weightGrams: s.weightGrams, dimensions: s.dimensions })),
    publishedAt: new Date().toISOString(),
  } as ProductPublished;
  return eventMessage(ProductPublished, data);
}

export function orderPlaced(orderId: string, lines: { skuId: string; quantity: number }[], address = ADDRESS) {
  const data: OrderPlaced = {
    orderId,
    buyerId: uniqueId('buyer-'),
    buyerKind: 'consumer',
    referringOperatorId: null,
    market: address.country,
    currency: 'EUR',
    lines: lines.map((l, i) => ({ lineId: `l${i + 1}`, skuId: l.skuId, productId: 'p', quantity: l.quantity, unitPrice: eur(1000), priceKind: 'retail', bvPerUnit: 100, lineTotal: eur(1000 * l.quantity) })),
    totals: { subtotal: eur(1000), shipping: eur(0), taxIncluded: eur(0), total: eur(1000) },
    totalBv: 100,
    shippingAddress: address,
    placedAt: new Date().toISOString(),
  };
  return eventMessage(OrderPlaced, data);
}

export function orderPaid(orderId: string) {
  return eventMessage(OrderPaid, { orderId, paymentId: uniqueId('pm_'), paymentProvider: 'sandbox', amount: eur(1000), paidAt: new Date().toISOString() });
}

export function stockCommitted(orderId: string, lines: { skuId: string; quantity: number }[]) {
  return eventMessage(StockCommitted, { orderId, reservationId: uniqueId('res-'), lines, committedAt: new Date().toISOString() });
}

/** The id logistics gives the outbound shipment of an order. */
export const outboundShipmentId = (orderId: string) => derivedId('shipment', 'outbound', orderId);

export function returnRequested(orderId: string, returnId: string, lines: { skuId: string; quantity: number }[]) {
  return eventMessage(ReturnRequested, {
    orderId,
    returnId,
    lines: lines.map((l, i) => ({ lineId: `l${i + 1}`, skuId: l.skuId, quantity: l.quantity })),
    reason: 'Does not fit',
    requestedAt: new Date().toISOString(),
  });
}

/** The id logistics gives the return shipment of a return. */
export const returnShipmentId = (returnId: string) => derivedId('shipment', 'return', returnId);

export function orderCancelled(orderId: string) {
  return eventMessage(OrderCancelled, { orderId, reason: 'ops', by: 'ops-1', wasPaid: true, cancelledAt: new Date().toISOString() });
}
