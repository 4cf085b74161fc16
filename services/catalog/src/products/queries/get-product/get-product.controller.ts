import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { ProductRepository } from '../../product.repository';
import { ProductView, toProductView } from '../../product.view';

@ApiTags('products')
@ApiBearerAuth()
@Controller('v1/products')
export class GetProductController {
  constructor(private readonly repo: ProductRepository) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A product: any caller sees an active product and its active SKUs; ops see drafts, retired ones and every SKU.',
    description: 'A product the caller may not see is 404, as if it did not exist.',
  })
  @ApiOkResponse({ type: ProductView })
  @ApiErrors(400, 401, 404)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<ProductView> {
    const product = await this.repo.find(id);
    if (!product || !product.visibleTo(caller.roles)) throw DomainError.notFound(`No product ${id}`);
    return toProductView(product.state, { allSkus: caller.roles.includes('ops') });
  }
}
