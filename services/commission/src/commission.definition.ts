import type { ServiceDefinition } from '@netdirect/runtime';

/** The commission service: its name, default port and what its OpenAPI document says about it. */
export const COMMISSION_SERVICE: ServiceDefinition = {
  name: 'commission',
  defaultHttpPort: 3005,
  title: 'NetDirect Commission',
  description:
    'The compensation plan as data, the compliance profile and plan linter, the commission ledger, periods, ranks, statements and payouts.',
};
