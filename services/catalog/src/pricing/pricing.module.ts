import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProductsModule } from '../products/products.module';
import { PricingPolicyController } from './commands/pricing-policy.controller';
import { SkuPricingController } from './commands/sku-pricing.controller';
import { CostEventsHandler } from './consumers/cost-events.handler';
import { SkuCostRepository } from './costs/sku-cost.repository';
import { COST_ENTRY_MODEL, CostEntrySchema, SKU_COST_MODEL, SkuCostSchema } from './costs/sku-cost.schema';
import { PRICE_HISTORY_MODEL, PriceHistorySchema } from './history/price-history.schema';
import { PricingPolicyRepository } from './policies/pricing-policy.repository';
import { PRICING_POLICY_MODEL, PricingPolicySchema } from './policies/pricing-policy.schema';
import { PriceHistoryController } from './queries/price-history.controller';
import { SkuPricingService } from './sku-pricing.service';

/**
 * The pricing policy: versions, SKU cost basis, first, manual and
 * cost-driven prices, price history. Prices land on products through
 * ProductRepository.applySkuPricing, whose outbox publishes ProductPriceChanged.
 */
@Module({
  imports: [
    ProductsModule,
    MongooseModule.forFeature([
      { name: PRICING_POLICY_MODEL, schema: PricingPolicySchema },
      { name: SKU_COST_MODEL, schema: SkuCostSchema },
      { name: COST_ENTRY_MODEL, schema: CostEntrySchema },
      { name: PRICE_HISTORY_MODEL, schema: PriceHistorySchema },
    ]),
  ],
  controllers: [PricingPolicyController, SkuPricingController, PriceHistoryController, CostEventsHandler],
  providers: [PricingPolicyRepository, SkuCostRepository, SkuPricingService],
})
export class PricingModule {}
