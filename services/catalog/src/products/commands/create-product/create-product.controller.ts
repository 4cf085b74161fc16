import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { ProductView, toProductView } from '../../product.view';
import { CreateProductRequest } from './create-product.request';
import { CreateProductService } from './create-product.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('v1/products')
export class CreateProductController {
  constructor(private readonly service: CreateProductService) {}

  @Post()
  @Roles('ops')
  @ApiOperation({
    summary: 'Create a product as a draft with its SKUs (each gets an id), priced by ops.',
    description:
      'Nothing is announced until it is published. 422: an unknown category, a price not in CATALOG_CURRENCY, a negative price, a member price above retail, BV worth more points than the member price has currency units (× CATALOG_BV_POINTS_PER_UNIT).',
  })
  @ApiCreatedResponse({ type: ProductView })
  @ApiErrors(400, 401, 403, 413, 415, 422)
  async create(@Body() body: CreateProductRequest): Promise<ProductView> {
    return toProductView(await this.service.create(body));
  }
}
