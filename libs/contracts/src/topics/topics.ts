import { DAY_MS, defineTopic, ServiceName, SERVICE_NAMES, TopicDefinition } from './topic-definition';

const week = { kind: 'time', ms: 7 * DAY_MS } as const;
const month = { kind: 'time', ms: 30 * DAY_MS } as const;
const year = { kind: 'time', ms: 365 * DAY_MS } as const;

/**
 * Every topic of the system. Services never spell a topic name: they use these
 * constants. Retention is long on the streams other services rebuild read models
 * from, shorter on operational streams.
 */
export const Topics = {
  procurementSuppliers: defineTopic({
    name: 'procurement.suppliers.v1',
    owner: 'procurement',
    key: 'supplierId',
    partitions: 3,
    retention: year,
    description: 'Suppliers and their published tiered price lists.',
  }),
  procurementPurchaseOrders: defineTopic({
    name: 'procurement.purchase-orders.v1',
    owner: 'procurement',
    key: 'purchaseOrderId',
    partitions: 3,
    retention: year,
    description: 'Purchase orders: issued, confirmed by the supplier, goods received.',
  }),
  procurementSupplierInvoices: defineTopic({
    name: 'procurement.supplier-invoices.v1',
    owner: 'procurement',
    key: 'invoiceId',
    partitions: 3,
    retention: year,
    description: 'Supplier invoices: matched against receipts, settled.',
  }),
  procurementSkuCosts: defineTopic({
    name: 'procurement.sku-costs.v1',
    owner: 'procurement',
    key: 'skuId',
    partitions: 3,
    retention: year,
    description: 'Landed cost per SKU as goods are received at new prices.',
  }),
  catalogProducts: defineTopic({
    name: 'catalog.products.v1',
    owner: 'catalog',
    key: 'productId',
    partitions: 3,
    retention: year,
    description: 'Products and SKUs: published, updated, repriced, retired.',
  }),
  catalogStock: defineTopic({
    name: 'catalog.stock.v1',
    owner: 'catalog',
    key: 'skuId',
    partitions: 6,
    retention: month,
    description: 'Virtual warehouse per SKU: received, restocked, adjusted by ops, reorder point reached.',
  }),
  catalogReservations: defineTopic({
    name: 'catalog.reservations.v1',
    owner: 'catalog',
    key: 'orderId',
    partitions: 6,
    retention: month,
    description: 'Stock reservations per order: reserved, rejected, released, committed, commit failed.',
  }),
  ordersOrders: defineTopic({
    name: 'orders.orders.v1',
    owner: 'orders',
    key: 'orderId',
    partitions: 6,
    retention: year,
    description: 'The order life cycle: placed, confirmed, paid, delivered, completed, returned, refunded.',
  }),
  networkMembers: defineTopic({
    name: 'network.members.v1',
    owner: 'network',
    key: 'memberId',
    partitions: 6,
    retention: { kind: 'time', ms: 10 * 365 * DAY_MS },
    description: 'Members, sponsors and upline paths; conversions, status, moves and position transfers.',
  }),
  commissionPlans: defineTopic({
    name: 'commission.plans.v1',
    owner: 'commission',
    key: 'planId',
    partitions: 1,
    retention: { kind: 'time', ms: 10 * 365 * DAY_MS },
    description: 'Compensation plan versions as they are activated.',
  }),
  commissionLedger: defineTopic({
    name: 'commission.ledger.v1',
    owner: 'commission',
    key: 'beneficiaryId',
    partitions: 6,
    retention: year,
    description: 'Commission lines per beneficiary: accrued, released, clawed back.',
  }),
  commissionRanks: defineTopic({
    name: 'commission.ranks.v1',
    owner: 'commission',
    key: 'memberId',
    partitions: 3,
    retention: year,
    description: 'Ranks achieved by members at period close.',
  }),
  commissionPeriods: defineTopic({
    name: 'commission.periods.v1',
    owner: 'commission',
    key: 'periodId',
    partitions: 1,
    retention: year,
    description: 'Commission periods closed and payout batches issued.',
  }),
  logisticsShipments: defineTopic({
    name: 'logistics.shipments.v1',
    owner: 'logistics',
    key: 'shipmentId',
    partitions: 6,
    retention: month,
    description: 'The shipment life cycle across providers.',
  }),
  logisticsProviderStatus: defineTopic({
    name: 'logistics.provider-status.v1',
    owner: 'logistics',
    key: 'shipmentId',
    partitions: 6,
    retention: week,
    description: 'Status updates reported back by logistics providers (pickup, transit, delivery, failure, return).',
  }),
} as const;

export type TopicKey = keyof typeof Topics;

/**
 * The handoff topic of one logistics provider: the only topic that provider
 * reads, so it never sees another provider's shipments.
 */
export function providerHandoffTopic(providerId: string): TopicDefinition {
  const slug = providerId.toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(slug)) {
    throw new Error(`Provider id "${providerId}" must be 1-48 characters of a-z, 0-9 and "-"`);
  }
  return defineTopic({
    name: `logistics.handoff.${slug}.v1`,
    owner: 'logistics',
    key: 'shipmentId',
    partitions: 3,
    retention: month,
    description: `Shipment requests handed off to logistics provider ${slug}.`,
  });
}

/** The dead-letter topic of one service: messages its consumers could not process, with the reason. */
export function deadLetterTopic(service: ServiceName): TopicDefinition {
  return defineTopic({
    name: `${service}.dead-letters.v1`,
    owner: service,
    key: 'original message key',
    partitions: 1,
    retention: month,
    description: `Messages the ${service} service could not process, with original bytes, headers and the reason.`,
  });
}

/** All topics that exist from the start (per-provider handoff topics are created when a provider is registered). */
export function allStaticTopics(): TopicDefinition[] {
  return [...Object.values(Topics), ...SERVICE_NAMES.map((s) => deadLetterTopic(s))];
}
