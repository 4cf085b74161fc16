import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@netdirect/runtime';
import { CategoryRepository } from '../../category.repository';
import { CategoryListView, toCategoryView } from '../../category.view';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('v1/categories')
export class ListCategoriesController {
  constructor(private readonly repo: CategoryRepository) {}

  @Get()
  @ApiOperation({ summary: 'Every category (any authenticated caller), sorted by name; the tree is in parentId.' })
  @ApiOkResponse({ type: CategoryListView })
  @ApiErrors(401)
  async list(): Promise<CategoryListView> {
    return { items: (await this.repo.all()).map(toCategoryView) };
  }
}
