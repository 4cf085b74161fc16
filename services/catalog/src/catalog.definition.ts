import type { ServiceDefinition } from '@netdirect/runtime';

/** The catalog service: its name, default port and what its OpenAPI document says about it. */
export const CATALOG_SERVICE: ServiceDefinition = {
  name: 'catalog',
  defaultHttpPort: 3001,
  title: 'NetDirect Catalog',
  description:
    'Products and SKUs, categories, retail and member prices, business volume per SKU, the pricing policy and the virtual warehouse (on hand, reserved, available).',
};
