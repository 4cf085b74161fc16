import type { ServiceDefinition } from '@netdirect/runtime';
import { NetworkSettings } from './network.settings';

/** The network service: its name, default port and what its OpenAPI document says about it. */
export const NETWORK_SERVICE: ServiceDefinition = {
  name: 'network',
  defaultHttpPort: 3004,
  title: 'NetDirect Network',
  description:
    'Members (operators and consumers), sponsors, referral codes, upline paths, consumer-to-operator conversion and position transfers.',
  settings: NetworkSettings,
};
