import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoryRepository } from './category.repository';
import { CATEGORY_MODEL, CategorySchema } from './category.schema';
import { ChangeCategoryController } from './commands/change-category/change-category.controller';
import { ChangeCategoryService } from './commands/change-category/change-category.service';
import { CreateCategoryController } from './commands/create-category/create-category.controller';
import { CreateCategoryService } from './commands/create-category/create-category.service';
import { ListCategoriesController } from './queries/list-categories/list-categories.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: CATEGORY_MODEL, schema: CategorySchema }])],
  controllers: [CreateCategoryController, ChangeCategoryController, ListCategoriesController],
  providers: [CategoryRepository, CreateCategoryService, ChangeCategoryService],
  exports: [CategoryRepository],
})
export class CategoriesModule {}
