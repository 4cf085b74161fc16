import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CATALOG_SKU_MODEL, CatalogSkuRepository, CatalogSkuSchema } from './catalog-sku.repository';
import { CatalogSkusHandler } from './catalog-skus.handler';

@Module({
  imports: [MongooseModule.forFeature([{ name: CATALOG_SKU_MODEL, schema: CatalogSkuSchema }])],
  controllers: [CatalogSkusHandler],
  providers: [CatalogSkuRepository],
  exports: [CatalogSkuRepository],
})
export class CatalogSkusModule {}
