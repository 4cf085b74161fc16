import type { ServiceDefinition } from '@netdirect/runtime';

/** The logistics service: its name, default port and what its OpenAPI document says about it. */
export const LOGISTICS_SERVICE: ServiceDefinition = {
  name: 'logistics',
  defaultHttpPort: 3006,
  title: 'NetDirect Logistics',
  description:
    'Logistics providers and routing rules, shipments and their state machine, per-provider handoff topics and status webhooks.',
};
