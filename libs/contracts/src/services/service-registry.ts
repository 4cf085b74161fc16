import { allStaticTopics } from '../topics/topics';
import { ServiceName, SERVICE_NAMES, TopicDefinition } from '../topics/topic-definition';

/**
 * One NetDirect service as every tool sees it: `npm start`, the compose file
 * and its test, the CI's API checks and the service's own definition read it
 * from here, so a port or a database is spelled once.
 */
export interface ServiceRegistration {
  readonly name: ServiceName;
  /** Default HTTP port of its gateway (HTTP_PORT overrides). */
  readonly port: number;
  /** Default database name (MONGO_DB overrides). */
  readonly database: string;
  /** Title of its OpenAPI document. */
  readonly title: string;
  /** What it owns, one sentence for its OpenAPI document. */
  readonly description: string;
}

const registrations: Record<ServiceName, Omit<ServiceRegistration, 'name' | 'database'>> = {
  catalog: {
    port: 3001,
    title: 'NetDirect Catalog',
    description:
      'Products and SKUs, categories, retail and member prices, business volume per SKU, the pricing policy and the virtual warehouse (on hand, reserved, available).',
  },
  procurement: {
    port: 3002,
    title: 'NetDirect Procurement',
    description:
      'Suppliers, tiered price lists, procurement runs that aggregate demand, purchase orders, goods receipts, supplier invoices and settlement, the savings record.',
  },
  orders: {
    port: 3003,
    title: 'NetDirect Orders',
    description:
      'Carts and orders with price and BV snapshots, payments from signed payment-provider webhooks, cancellations, returns and refunds.',
  },
  network: {
    port: 3004,
    title: 'NetDirect Network',
    description:
      'Members (consumers and operators), sponsors, referral codes, upline paths, consumer-to-operator upgrades, position transfers with audit, downline queries.',
  },
  commission: {
    port: 3005,
    title: 'NetDirect Commission',
    description:
      'The compensation plan and its compliance linter, the commission ledger, periods, ranks, statements and payout batches.',
  },
  logistics: {
    port: 3006,
    title: 'NetDirect Logistics',
    description:
      'Logistics providers and routing rules, shipments and their state machine, per-provider handoff topics, provider status webhooks, SLA re-routing.',
  },
};

/** Every service, in the order they are started. */
export const SERVICE_REGISTRY: readonly ServiceRegistration[] = Object.freeze(
  SERVICE_NAMES.map((name) => Object.freeze({ name, database: `netdirect_${name}`, ...registrations[name] })),
);

/** The registration of one service. */
export function serviceRegistration(name: ServiceName): ServiceRegistration {
  return SERVICE_REGISTRY.find((s) => s.name === name)!;
}

/** The topics a service produces to (only it may), its dead-letter topic included; provider handoff topics are made at runtime. */
export function topicsOwnedBy(name: ServiceName): TopicDefinition[] {
  return allStaticTopics().filter((t) => t.owner === name);
}
