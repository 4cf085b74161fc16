import type { ServiceDefinition } from '@netdirect/runtime';

/** The procurement service: its name, default port and what its OpenAPI document says about it. */
export const PROCUREMENT_SERVICE: ServiceDefinition = {
  name: 'procurement',
  defaultHttpPort: 3002,
  title: 'NetDirect Procurement',
  description:
    'Suppliers, tiered price lists, procurement runs that aggregate demand, purchase orders, goods receipts, supplier invoices and the savings record.',
};
