import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { ProductView, toProductView } from '../../product.view';
import { PublishProductService } from './publish-product.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('v1/products')
export class PublishProductController {
  constructor(private readonly service: PublishProductService) {}

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Put a product and its draft SKUs on sale (ProductPublished).',
    description: '422 for a retired product, or a published one without draft SKUs.',
  })
  @ApiOkResponse({ type: ProductView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async publish(@Param() { id }: IdParam): Promise<ProductView> {
    return toProductView(await this.service.publish(id));
  }
}
