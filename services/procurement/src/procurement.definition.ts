import { defineService } from '@netdirect/runtime';
import { ProcurementSettings } from './procurement.settings';

/** The procurement service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts; its own settings. */
export const PROCUREMENT_SERVICE = defineService('procurement', { settings: ProcurementSettings });
