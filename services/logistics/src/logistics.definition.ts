import { defineService } from '@netdirect/runtime';

/** The logistics service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts. */
export const LOGISTICS_SERVICE = defineService('logistics');
