import { defineService } from '@netdirect/runtime';
import { CommissionSettings } from './commission.settings';

/** The commission service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts. */
export const COMMISSION_SERVICE = defineService('commission', { settings: CommissionSettings });
