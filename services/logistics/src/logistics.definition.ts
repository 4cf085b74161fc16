import { defineService } from '@netdirect/runtime';
import { LogisticsSettings } from './logistics.settings';

/** The logistics service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts; its own settings. */
export const LOGISTICS_SERVICE = defineService('logistics', { settings: LogisticsSettings });
