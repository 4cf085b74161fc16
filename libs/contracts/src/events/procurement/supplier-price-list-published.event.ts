import { IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsCurrencyCode, IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { SupplierPriceListItem } from './procurement.parts';

/**
 * A supplier published a tiered price list; it replaces the supplier's previous
 * list from `validFrom`.
 *
 * Procurement runs pick the cheapest tier a run's aggregated demand reaches;
 * catalog can show the achievable cost and the saving of the next tier.
 */
@IntegrationEvent({
  type: 'SupplierPriceListPublished',
  version: 1,
  topic: Topics.procurementSuppliers,
  summary: 'A supplier published a price list with quantity tiers, lead time and minimum order per SKU.',
})
export class SupplierPriceListPublished {
  @IsId()
  supplierId: string;

  @IsId()
  priceListId: string;

  /** Currency of every unit cost on the list. */
  @IsCurrencyCode()
  currency: string;

  @IsInstant()
  validFrom: string;

  /** Open-ended if absent. */
  @IsOptional()
  @IsInstant()
  validUntil?: string | null;

  @IsNestedArray(() => SupplierPriceListItem, { max: 5000 })
  items: SupplierPriceListItem[];

  @IsInstant()
  publishedAt: string;
}
