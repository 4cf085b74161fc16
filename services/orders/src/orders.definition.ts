import { defineService } from '@netdirect/runtime';
import { OrdersSettings } from './orders.settings';

/** The orders service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts; its own settings. */
export const ORDERS_SERVICE = defineService('orders', { settings: OrdersSettings });
