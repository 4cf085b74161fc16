import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { isStaff, mayActFor } from '../../../common/access';
import { IdParam } from '../../../common/id.param';
import { PriceListRepository } from '../../price-list.repository';
import { PriceListView, toPriceListView } from '../../price-list.view';

@ApiTags('price lists')
@ApiBearerAuth()
@Controller('v1/price-lists')
export class GetPriceListController {
  constructor(private readonly lists: PriceListRepository) {}

  @Get(':id')
  @Roles('ops', 'finance', 'supplier')
  @ApiOperation({ summary: "One price list with its items; a supplier reads only its own (403 for another's, existing or not)." })
  @ApiOkResponse({ type: PriceListView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<PriceListView> {
    const list = await this.lists.find(id);
    if (list && mayActFor(caller, list.supplierId)) return toPriceListView(list);
    if (!list && isStaff(caller)) throw DomainError.notFound(`No price list ${id}`);
    throw DomainError.forbidden('A supplier may read only its own price lists');
  }
}
