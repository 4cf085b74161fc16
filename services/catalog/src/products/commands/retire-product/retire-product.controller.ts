import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { ProductView, toProductView } from '../../product.view';
import { RetireProductRequest } from './retire-product.request';
import { RetireProductService } from './retire-product.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('v1/products')
export class RetireProductController {
  constructor(private readonly service: RetireProductService) {}

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Take some SKUs (skuIds) or the whole product off sale (ProductRetired).',
    description:
      'The product is retired once none of its SKUs is left on sale. 422: already retired, an unknown or already retired SKU.',
  })
  @ApiOkResponse({ type: ProductView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async retire(@Param() { id }: IdParam, @Body() body: RetireProductRequest): Promise<ProductView> {
    return toProductView(await this.service.retire(id, body ?? {}));
  }
}
