import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { CategoryView, toCategoryView } from '../../category.view';
import { CreateCategoryRequest } from './create-category.request';
import { CreateCategoryService } from './create-category.service';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('v1/categories')
export class CreateCategoryController {
  constructor(private readonly service: CreateCategoryService) {}

  @Post()
  @Roles('ops')
  @ApiOperation({ summary: 'Create a category, a root or under a parent.', description: 'An unknown parent is 422.' })
  @ApiCreatedResponse({ type: CategoryView })
  @ApiErrors(400, 401, 403, 413, 415, 422)
  async create(@Body() body: CreateCategoryRequest): Promise<CategoryView> {
    return toCategoryView(await this.service.create(body));
  }
}
