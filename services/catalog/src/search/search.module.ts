import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module';
import { ProductsModule } from '../products/products.module';
import { ProductIndexConsumer } from './product-index.consumer';
import { SearchProductsController } from './queries/search-products/search-products.controller';
import { SearchIndexService } from './search-index.service';

@Module({
  imports: [ProductsModule, CategoriesModule],
  controllers: [SearchProductsController, ProductIndexConsumer],
  providers: [SearchIndexService],
  exports: [SearchIndexService],
})
export class SearchModule {}
