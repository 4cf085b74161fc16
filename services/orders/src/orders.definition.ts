import { defineService } from '@netdirect/runtime';

/** The orders service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts. */
export const ORDERS_SERVICE = defineService('orders');
