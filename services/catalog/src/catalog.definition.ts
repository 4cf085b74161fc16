import { defineService } from '@netdirect/runtime';
import { CatalogSettings } from './catalog.settings';

/** The catalog service: name, port, database and OpenAPI title from the service registry in @netdirect/contracts; its own settings. */
export const CATALOG_SERVICE = defineService('catalog', { settings: CatalogSettings });
