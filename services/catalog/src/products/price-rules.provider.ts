import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_SETTINGS } from '@netdirect/runtime';
import { CatalogSettings } from '../catalog.settings';
import { bvHundredthsPerUnit, PriceRules } from './product';

/** The price rules from the settings, parsed once. */
@Injectable()
export class PriceRulesProvider {
  readonly rules: PriceRules;

  constructor(@Inject(SERVICE_SETTINGS) settings: CatalogSettings) {
    this.rules = {
      currency: settings.CATALOG_CURRENCY,
      bvHundredthsPerUnit: bvHundredthsPerUnit(settings.CATALOG_BV_POINTS_PER_UNIT),
    };
  }
}
