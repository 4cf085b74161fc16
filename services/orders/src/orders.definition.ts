import type { ServiceDefinition } from '@netdirect/runtime';

/** The orders service: its name, default port and what its OpenAPI document says about it. */
export const ORDERS_SERVICE: ServiceDefinition = {
  name: 'orders',
  defaultHttpPort: 3003,
  title: 'NetDirect Orders',
  description:
    'Carts and orders with price and BV snapshots, payments from signed webhooks, cancellations, returns and refunds.',
};
