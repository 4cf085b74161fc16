import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { supplierFilter } from '../../../common/access';
import { SupplierFilterQuery } from '../../../common/supplier-filter.query';
import { PriceListRepository } from '../../price-list.repository';
import { PriceListListView, toPriceListHeaderView } from '../../price-list.view';

@ApiTags('price lists')
@ApiBearerAuth()
@Controller('v1/price-lists')
export class ListPriceListsController {
  constructor(private readonly lists: PriceListRepository) {}

  @Get()
  @Roles('ops', 'finance', 'supplier')
  @ApiOperation({ summary: 'Price list headers, oldest first; a supplier user sees only its own (naming another supplier is 403).' })
  @ApiOkResponse({ type: PriceListListView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: SupplierFilterQuery, @CurrentPrincipal() caller: Principal): Promise<PriceListListView> {
    return { items: (await this.lists.headers(supplierFilter(caller, query.supplierId))).map(toPriceListHeaderView) };
  }
}
