import { defineService } from '@netdirect/runtime';
import { NetworkSettings } from './network.settings';

/** The network service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts; its own settings. */
export const NETWORK_SERVICE = defineService('network', { settings: NetworkSettings });
