import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { CategoryView, toCategoryView } from '../../category.view';
import { ChangeCategoryRequest } from './change-category.request';
import { ChangeCategoryService } from './change-category.service';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('v1/categories')
export class ChangeCategoryController {
  constructor(private readonly service: ChangeCategoryService) {}

  @Patch(':id')
  @Roles('ops')
  @ApiOperation({
    summary: 'Rename a category or move it under another parent (null: a root).',
    description: 'A move under itself or its own subtree is 422 (a cycle); an unknown parent is 422; neither name nor parentId given is 422.',
  })
  @ApiOkResponse({ type: CategoryView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async change(@Param() { id }: IdParam, @Body() body: ChangeCategoryRequest): Promise<CategoryView> {
    return toCategoryView(await this.service.change(id, body));
  }
}
