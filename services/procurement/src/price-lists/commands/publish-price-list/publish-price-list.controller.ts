import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Clock, CLOCK, CurrentPrincipal, DomainError, parseUtcDateTime, Principal, Roles, SERVICE_SETTINGS } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { assertActsFor } from '../../../common/access';
import { IdParam } from '../../../common/id.param';
import { ProcurementSettings } from '../../../procurement.settings';
import { SupplierRepository } from '../../../suppliers/supplier.repository';
import { publishPriceList } from '../../price-list';
import { PriceListRepository } from '../../price-list.repository';
import { PriceListView, toPriceListView } from '../../price-list.view';
import { PublishPriceListRequest } from './publish-price-list.request';

@ApiTags('price lists')
@ApiBearerAuth()
@Controller('v1/suppliers')
export class PublishPriceListController {
  constructor(
    private readonly suppliers: SupplierRepository,
    private readonly lists: PriceListRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/price-lists')
  @Roles('ops', 'supplier')
  @ApiOperation({
    summary: 'Publish a price list for a supplier (ops, or the supplier itself); SupplierPriceListPublished.',
    description:
      'Refused with 422 listing every reason at once (fields): overlapping or unordered tiers, a cost that rises with quantity, a zero pack size, a minimum not a multiple of the pack size, a first tier above the minimum, a SKU listed twice, another currency, validUntil not after validFrom. A run uses the list once it is indexed (indexedAt).',
  })
  @ApiCreatedResponse({ type: PriceListView })
  @ApiErrors(400, 401, 403, 404, 413, 415, 422)
  async publish(@Param() { id }: IdParam, @Body() body: PublishPriceListRequest, @CurrentPrincipal() caller: Principal): Promise<PriceListView> {
    assertActsFor(caller, id);
    const supplier = await this.suppliers.get(id);
    const input = {
      currency: body.currency,
      validFrom: parseUtcDateTime(body.validFrom),
      validUntil: body.validUntil ? parseUtcDateTime(body.validUntil) : null,
      items: body.items.map((i) => ({ ...i, packSize: i.packSize ?? 1 })),
    };
    const published = publishPriceList(randomUUID(), supplier, input, this.settings.PROCUREMENT_CURRENCY, this.clock.now());
    if (Array.isArray(published)) throw DomainError.rules(published);
    if (!(await this.lists.insert(published.state, published.events))) throw DomainError.conflict('price list id taken; try again');
    return toPriceListView(published.state);
  }
}
