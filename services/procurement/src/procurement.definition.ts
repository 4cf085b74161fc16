import { defineService } from '@netdirect/runtime';

/** The procurement service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts. */
export const PROCUREMENT_SERVICE = defineService('procurement');
