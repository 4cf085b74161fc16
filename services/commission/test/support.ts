import {
  MemberPositionTransferred,
  MemberRegistered,
  MemberSponsorChanged,
  MemberStatusChanged,
  OrderCompleted,
  OrderPaid,
  OrderPlaced,
  OrderRefunded,
  Topics,
} from '@netdirect/contracts';
import { CapturedMessage, eventMessage, KafkaTestClient, uniqueId } from '@netdirect/runtime/testing';

/*
 * The network's and the orders' events as their owners produce them, for the
 * commission e2e tests (which act as both services).
 */

export const ADDRESS = { name: 'Ada Lovelace', lines: ['1 Main St'], city: 'Springfield', postalCode: '12345', country: 'US' };

export interface TestMember {
  id: string;
  kind: 'consumer' | 'operator';
  /** Sponsors, nearest first. */
  upline: string[];
}

export function memberRegistered(m: TestMember, market: string, joinedAt = '2020-01-01T00:00:00.000Z') {
  const data: MemberRegistered = {
    memberId: m.id,
    kind: m.kind,
    sponsorId: m.upline[0] ?? null,
    depth: m.upline.length,
    uplinePath: m.upline,
    market,
    joinedAt,
    ownerPartyId: `party-${m.id}`,
  };
  return eventMessage(MemberRegistered, data);
}

export function memberSuspended(memberId: string, at = '2020-02-01T00:00:00.000Z') {
  return eventMessage(MemberStatusChanged, { memberId, from: 'active', to: 'suspended', reason: 'test', by: 'ops-1', changedAt: at });
}

export function sponsorChanged(memberId: string, oldSponsorId: string | null, uplinePath: string[], at: string) {
  return eventMessage(MemberSponsorChanged, { memberId, oldSponsorId, newSponsorId: uplinePath[0] ?? null, depth: uplinePath.length, uplinePath, reason: 'correction', by: 'ops-1', changedAt: at } as MemberSponsorChanged);
}

export function positionTransferred(memberId: string, from: string, to: string, at: string) {
  return eventMessage(MemberPositionTransferred, {
    memberId,
    transferId: uniqueId('tr-'),
    previousOwner: { partyId: from, name: 'Old Owner' },
    newOwner: { partyId: to, name: 'New Owner' },
    reason: 'sale',
    approvedBy: 'ops-1',
    transferredAt: at,
  });
}

export interface TestLine {
  lineId?: string;
  quantity?: number;
  priceKind: 'retail' | 'member';
  bvPerUnit: number;
  unitPrice: number;
  memberUnitPrice: number;
}

export interface TestOrder {
  orderId: string;
  buyerId: string;
  buyerKind: 'consumer' | 'operator' | 'guest';
  sellerId: string | null;
  market: string;
  lines: TestLine[];
}

const usd = (amount: number) => ({ amount, currency: 'USD' });

export function orderPlaced(o: TestOrder, placedAt: string) {
  const lines = o.lines.map((l, i) => {
    const quantity = l.quantity ?? 1;
    return {
      lineId: l.lineId ?? `${o.orderId}-${i + 1}`,
      skuId: 'sku-1',
      productId: 'prod-1',
      quantity,
      unitPrice: usd(l.unitPrice),
      priceKind: l.priceKind,
      bvPerUnit: l.bvPerUnit,
      lineTotal: usd(l.unitPrice * quantity),
      memberUnitPrice: usd(l.memberUnitPrice),
    };
  });
  const subtotal = lines.reduce((s, l) => s + l.lineTotal.amount, 0);
  const data: OrderPlaced = {
    orderId: o.orderId,
    buyerId: o.buyerId,
    buyerKind: o.buyerKind,
    referringOperatorId: o.sellerId,
    market: o.market,
    currency: 'USD',
    lines,
    totals: { subtotal: usd(subtotal), shipping: usd(0), taxIncluded: usd(0), total: usd(subtotal) },
    totalBv: lines.reduce((s, l) => s + l.quantity * l.bvPerUnit, 0),
    shippingAddress: ADDRESS,
    placedAt,
  };
  return eventMessage(OrderPlaced, data);
}

export function orderPaid(orderId: string, paidAt: string, amount = 1000) {
  return eventMessage(OrderPaid, { orderId, paymentId: `pm_${orderId}`, paymentProvider: 'sandbox', amount: usd(amount), paidAt });
}

export function orderCompleted(orderId: string, completedAt: string) {
  return eventMessage(OrderCompleted, { orderId, completedAt });
}

export function orderRefunded(orderId: string, refundId: string, lines: { lineId: string; quantity: number; bv: number }[], refundedAt: string, fullyRefunded = false) {
  return eventMessage(OrderRefunded, {
    orderId,
    refundId,
    returnId: null,
    amount: usd(100 * lines.length),
    lines: lines.map((l) => ({ lineId: l.lineId, skuId: 'sku-1', quantity: l.quantity, amount: usd(100), bv: l.bv })),
    refundedBv: lines.reduce((s, l) => s + l.bv, 0),
    fullyRefunded,
    refundedAt,
  });
}

export async function produceNetwork(kafka: KafkaTestClient, messages: ReturnType<typeof eventMessage>[]): Promise<void> {
  await kafka.produce(Topics.networkMembers.name, messages);
}

export async function produceOrders(kafka: KafkaTestClient, messages: ReturnType<typeof eventMessage>[]): Promise<void> {
  await kafka.produce(Topics.ordersOrders.name, messages);
}

/** The events of one type captured on a topic, each once (a redelivered copy has the same id). */
export function capturedEvents(captured: CapturedMessage[], topic: string, type: string): { id: string; type: string; data: Record<string, any> }[] {
  const seen = new Map<string, { id: string; type: string; data: Record<string, any> }>();
  for (const m of captured.filter((c) => c.topic === topic)) {
    const e = JSON.parse(m.value!);
    if (e.type === type) seen.set(e.id, e);
  }
  return [...seen.values()];
}
