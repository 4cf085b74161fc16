import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { supplierFilter } from '../../../common/access';
import { PurchaseOrderRepository } from '../../purchase-order.repository';
import { PurchaseOrderListView, toPurchaseOrderView } from '../../purchase-order.view';
import { ListPurchaseOrdersQuery } from './list-purchase-orders.query';

@ApiTags('purchase orders')
@ApiBearerAuth()
@Controller('v1/purchase-orders')
export class ListPurchaseOrdersController {
  constructor(private readonly orders: PurchaseOrderRepository) {}

  @Get()
  @Roles('ops', 'finance', 'supplier')
  @ApiOperation({ summary: 'Purchase orders, newest first (at most 500), without receipts; a supplier user sees only its own (naming another supplier is 403).' })
  @ApiOkResponse({ type: PurchaseOrderListView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ListPurchaseOrdersQuery, @CurrentPrincipal() caller: Principal): Promise<PurchaseOrderListView> {
    const supplierId = supplierFilter(caller, query.supplierId);
    return { items: (await this.orders.list({ supplierId, runId: query.runId }, 500)).map(toPurchaseOrderView) };
  }
}
