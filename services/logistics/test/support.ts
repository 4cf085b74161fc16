import { exampleOf, MemberRegistered, OrderCancelled, OrderPaid, OrderPlaced, ProductPublished, ReturnRequested, StockCommitted, StockReserved, Topics } from '@netdirect/contracts';
import { derivedId } from '@netdirect/runtime';
import { CapturedMessage, eventMessage, KafkaTestClient, uniqueId, waitFor } from '@netdirect/runtime/testing';
import { Db } from 'mongodb';
import { Webhook } from 'standardwebhooks';

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
  const base = exampleOf('ProductPublished') as unknown as ProductPublished;
  return eventMessage(ProductPublished, {
    ...base,
    productId: uniqueId('prod-'),
    name: 'Green tea',
    skus: skus.map((s) => ({ ...base.skus[0], skuId: s.skuId, name: 'Pack', retailPrice: eur(1299), memberPrice: eur(999), bv: 800, weightGrams: s.weightGrams, dimensions: s.dimensions })),
  });
}

/** A buyer as the network announces it (the orders service takes orders only from members it knows). */
export function memberRegistered(memberId: string) {
  return eventMessage(MemberRegistered, { ...(exampleOf('MemberRegistered') as unknown as MemberRegistered), memberId, kind: 'consumer', sponsorId: null, depth: 0, uplinePath: [], market: 'DE' });
}

/** The catalog's answer to an order: its stock is held. */
export function stockReserved(orderId: string, lines: { skuId: string; quantity: number }[]) {
  return eventMessage(StockReserved, { orderId, reservationId: uniqueId('res-'), lines, expiresAt: new Date(Date.now() + 3600_000).toISOString(), reservedAt: new Date().toISOString() });
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

/** A provider registration body (`POST /v1/providers`) serving whole countries; `over` replaces any field. */
export function providerRegistration(id: string, priority: number, countries: string[], over: Record<string, unknown> = {}) {
  return {
    id,
    name: `Provider ${id}`,
    regions: countries.map((country) => ({ country, postcodePrefixes: [] })),
    limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 200_000 },
    serviceLevels: ['standard'],
    acceptanceDeadline: 'PT4H',
    priority,
    dailyCapacity: 1000,
    ...over,
  };
}

/** The headers of a delivery signed the Standard Webhooks way, as a provider sends it. */
export function signedHeaders(secret: string, raw: string, id = uniqueId('msg_'), at = new Date()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, raw),
  };
}

/** The events on one topic with one key among captured messages, deduplicated by envelope id (delivery is at least once). */
export function eventsOn(captured: CapturedMessage[], topic: string, key: string): { id: string; type: string; data: Record<string, any> }[] {
  const seen = new Map<string, { id: string; type: string; data: Record<string, any> }>();
  for (const m of captured.filter((c) => c.topic === topic && c.key === key)) {
    const e = JSON.parse(m.value!);
    seen.set(e.id, e);
  }
  return [...seen.values()];
}

/**
 * As orders and the catalog would: a placed and paid order whose stock is
 * then committed. Resolves with its shipment id once logistics wrote the shipment.
 */
export async function placePaidOrder(kafka: KafkaTestClient, db: Db, lines: { skuId: string; quantity: number }[], address = ADDRESS): Promise<string> {
  const orderId = uniqueId('ord-');
  await kafka.produce(Topics.ordersOrders.name, [orderPlaced(orderId, lines, address), orderPaid(orderId)]);
  await waitFor('the paid order in the read model', async () => (await db.collection('order_facts').findOne({ _id: orderId as never }))?.paidAt);
  await kafka.produce(Topics.catalogReservations.name, [stockCommitted(orderId, lines)]);
  const id = outboundShipmentId(orderId);
  await waitFor('the shipment', () => db.collection('shipments').findOne({ _id: id as never }));
  return id;
}

/** As the catalog: publish the SKUs' weights and sizes, and wait until logistics' read model holds them all. */
export async function publishSkus(kafka: KafkaTestClient, db: Db, skus: TestSku[]): Promise<void> {
  await kafka.produce(Topics.catalogProducts.name, [productPublished(skus)]);
  const ids = skus.map((s) => s.skuId);
  await waitFor('the SKU sizes', async () => (await db.collection('sku_sizes').countDocuments({ _id: { $in: ids as never[] } })) === ids.length);
}

/** Close what a test file opened, in order (the services first, then the clients); any may be missing after a failed start. */
export async function closeAll(...opened: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const o of opened) await o?.close();
}
