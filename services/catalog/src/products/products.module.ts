import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { CategoriesModule } from '../categories/categories.module';
import { CreateProductController } from './commands/create-product/create-product.controller';
import { CreateProductService } from './commands/create-product/create-product.service';
import { PublishProductController } from './commands/publish-product/publish-product.controller';
import { PublishProductService } from './commands/publish-product/publish-product.service';
import { RetireProductController } from './commands/retire-product/retire-product.controller';
import { RetireProductService } from './commands/retire-product/retire-product.service';
import { UpdateProductController } from './commands/update-product/update-product.controller';
import { UpdateProductService } from './commands/update-product/update-product.service';
import { PriceRulesProvider } from './price-rules.provider';
import { ProductRepository } from './product.repository';
import { PRODUCT_MODEL, ProductSchema, SKU_LOOKUP_MODEL, SkuLookupSchema } from './product.schema';
import { GetProductController } from './queries/get-product/get-product.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PRODUCT_MODEL, schema: ProductSchema },
      { name: SKU_LOOKUP_MODEL, schema: SkuLookupSchema },
    ]),
    CategoriesModule,
  ],
  controllers: [
    CreateProductController,
    UpdateProductController,
    PublishProductController,
    RetireProductController,
    GetProductController,
  ],
  providers: [
    ProductRepository,
    PriceRulesProvider,
    CreateProductService,
    UpdateProductService,
    PublishProductService,
    RetireProductService,
  ],
  exports: [ProductRepository, PriceRulesProvider],
})
export class ProductsModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly products: ProductRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.products.model);
  }
}
