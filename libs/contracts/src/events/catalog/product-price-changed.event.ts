import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { SkuPricing } from './catalog.parts';

export const PRICE_CHANGE_REASONS = ['cost-change', 'policy-change', 'manual'] as const;

/**
 * Retail price, member price or BV of some of a product's SKUs changed, from
 * `effectiveFrom`. Orders placed before keep their snapshots.
 *
 * `cost-change` means the pricing policy passed on part of a procurement saving
 * (the SkuCostChanged event it reacted to is the causation).
 */
@IntegrationEvent({
  type: 'ProductPriceChanged',
  version: 1,
  topic: Topics.catalogProducts,
  summary: 'Retail and member prices and BV of SKUs of a product changed.',
})
export class ProductPriceChanged {
  @IsId()
  productId: string;

  /** New prices and BV of the SKUs that changed. */
  @IsNestedArray(() => SkuPricing, { max: 200 })
  prices: SkuPricing[];

  @IsIn(PRICE_CHANGE_REASONS)
  reason: (typeof PRICE_CHANGE_REASONS)[number];

  /** Version of the pricing policy that produced the prices; absent for a manual change. */
  @IsOptional()
  @IsId()
  pricingPolicyVersion?: string | null;

  @IsInstant()
  effectiveFrom: string;
}
