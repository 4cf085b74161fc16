import {
  exampleOf,
  GoodsReceived,
  OrderCancelled,
  OrderPaid,
  OrderPlaced,
  ProductPublished,
  ProductRetired,
} from '@netdirect/contracts';
import { eventMessage, uniqueId } from '@netdirect/runtime/testing';

/*
 * The events other services (and the catalog's own product side) send the
 * warehouse, built from the contracts' examples with the fields a test cares
 * about. Each is a message ready for KafkaTestClient.produce.
 */

type Line = { skuId: string; quantity: number };
const example = <T>(type: string) => exampleOf(type) as unknown as T;

/** Procurement received these units under `receiptId`. */
export function goodsReceived(receiptId: string, lines: Line[]) {
  const base = example<GoodsReceived>('GoodsReceived');
  return eventMessage(GoodsReceived, {
    ...base,
    receiptId,
    lines: lines.map((l) => ({ ...base.lines[0], skuId: l.skuId, quantityReceived: l.quantity })),
  });
}

export function orderPlaced(orderId: string, lines: Line[]) {
  const base = example<OrderPlaced>('OrderPlaced');
  const line = base.lines[0];
  return eventMessage(OrderPlaced, {
    ...base,
    orderId,
    lines: lines.map((l, i) => ({ ...line, lineId: `${orderId}-${i}`, skuId: l.skuId, quantity: l.quantity })),
  });
}

export const orderPaid = (orderId: string) =>
  eventMessage(OrderPaid, { ...example<OrderPaid>('OrderPaid'), orderId, paymentId: uniqueId('pay-') });

export const orderCancelled = (orderId: string) =>
  eventMessage(OrderCancelled, { ...example<OrderCancelled>('OrderCancelled'), orderId });

/** The SKUs' product went on sale (what makes a SKU reservable). */
export function productPublished(skuIds: string[]) {
  const base = example<ProductPublished>('ProductPublished');
  return eventMessage(ProductPublished, {
    ...base,
    productId: uniqueId('prod-'),
    skus: skuIds.map((skuId) => ({ ...base.skus[0], skuId })),
  });
}

export function productRetired(skuIds: string[]) {
  const base = example<ProductRetired>('ProductRetired');
  return eventMessage(ProductRetired, { ...base, productId: uniqueId('prod-'), skuIds });
}
