import { IsIn, IsOptional } from 'class-validator';
import { IntegrationEvent } from '../../registry/integration-event.decorator';
import { Topics } from '../../topics/topics';
import { IsId, IsInstant, IsNestedArray } from '../../values/field.decorators';
import { SkuPricing } from './catalog.parts';
import { SkuPriceChangeDetail } from './pricing.parts';

export const PRICE_CHANGE_REASONS = ['cost-change', 'policy-change', 'manual'] as const;

/**
 * Retail price, member price or BV of some of a product's SKUs changed, from
 * `effectiveFrom`. Orders placed before keep their snapshots.
 *
 * `cost-change` means the pricing policy passed on part of a change of the
 * SKU's cost basis (the GoodsReceived or SkuCostChanged it reacted to is the
 * causation); `policy-change` that ops applied a pricing policy version to the
 * SKU (its first price, from its cost basis); `manual` that ops set the price
 * by hand (it holds until the next cost change, which passes on to it).
 * `details` (optional, added in v1) explains each SKU's change.
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

  /** Per SKU in `prices`: the previous prices, the cost basis before and after, the shares applied and whether the platform's floor cut in. */
  @IsOptional()
  @IsNestedArray(() => SkuPriceChangeDetail, { max: 200 })
  details?: SkuPriceChangeDetail[] | null;
}
