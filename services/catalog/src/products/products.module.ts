import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { ProductRepository } from './product.repository';
import { PRODUCT_MODEL, ProductSchema, SKU_LOOKUP_MODEL, SkuLookupSchema } from './product.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PRODUCT_MODEL, schema: ProductSchema },
      { name: SKU_LOOKUP_MODEL, schema: SkuLookupSchema },
    ]),
  ],
  controllers: [],
  providers: [ProductRepository],
  exports: [ProductRepository],
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
