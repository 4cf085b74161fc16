import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { ProductView, toProductView } from '../../product.view';
import { UpdateProductRequest } from './update-product.request';
import { UpdateProductService } from './update-product.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('v1/products')
export class UpdateProductController {
  constructor(private readonly service: UpdateProductService) {}

  @Patch(':id')
  @Roles('ops')
  @ApiOperation({
    summary: 'Change a product, its SKUs or their prices (manual prices), or add draft SKUs.',
    description:
      'A published product records ProductUpdated with its full description (SKU weights and dimensions too) and, for changed prices of active SKUs, ProductPriceChanged (manual). 422: nothing to change, a retired product or SKU, an unknown SKU or category, the price rules as on create.',
  })
  @ApiOkResponse({ type: ProductView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async update(@Param() { id }: IdParam, @Body() body: UpdateProductRequest): Promise<ProductView> {
    return toProductView(await this.service.update(id, body));
  }
}
