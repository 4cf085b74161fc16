import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { PurchaseOrder } from '../../purchase-order';
import { PurchaseOrderRepository } from '../../purchase-order.repository';
import { PurchaseOrderView, toPurchaseOrderView } from '../../purchase-order.view';
import { readableOrder } from '../../readable-order';
import { RejectPurchaseOrderRequest } from './reject-purchase-order.request';

@ApiTags('purchase orders')
@ApiBearerAuth()
@Controller('v1/purchase-orders')
export class RejectPurchaseOrderController {
  constructor(
    private readonly orders: PurchaseOrderRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles('ops', 'supplier')
  @ApiOperation({
    summary: 'The supplier rejects its purchase order with a reason (PurchaseOrderRejected).',
    description: 'Only an issued order (422 otherwise). Everything ordered goes back into the next run.',
  })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async reject(@Param() { id }: IdParam, @Body() body: RejectPurchaseOrderRequest, @CurrentPrincipal() caller: Principal): Promise<PurchaseOrderView> {
    await readableOrder(this.orders, id, caller);
    return toPurchaseOrderView(await this.orders.change(id, (s) => PurchaseOrder.reject(s, body.reason, this.clock.now())));
  }
}
