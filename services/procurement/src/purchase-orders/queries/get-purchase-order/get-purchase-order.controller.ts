import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { PurchaseOrderRepository } from '../../purchase-order.repository';
import { PurchaseOrderView, toPurchaseOrderView } from '../../purchase-order.view';
import { readableOrder } from '../../readable-order';

@ApiTags('purchase orders')
@ApiBearerAuth()
@Controller('v1/purchase-orders')
export class GetPurchaseOrderController {
  constructor(private readonly orders: PurchaseOrderRepository) {}

  @Get(':id')
  @Roles('ops', 'finance', 'supplier')
  @ApiOperation({ summary: "One purchase order with its receipts; a supplier reads only its own (403 for another's, existing or not)." })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<PurchaseOrderView> {
    return toPurchaseOrderView(await readableOrder(this.orders, id, caller));
  }
}
