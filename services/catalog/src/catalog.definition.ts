import { defineService } from '@netdirect/runtime';

/** The catalog service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts. */
export const CATALOG_SERVICE = defineService('catalog');
