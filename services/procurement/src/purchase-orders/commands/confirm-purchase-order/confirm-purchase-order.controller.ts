import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Clock, CLOCK, CurrentPrincipal, parseUtcDateTime, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { PurchaseOrder } from '../../purchase-order';
import { PurchaseOrderRepository } from '../../purchase-order.repository';
import { PurchaseOrderView, toPurchaseOrderView } from '../../purchase-order.view';
import { readableOrder } from '../../readable-order';
import { ConfirmPurchaseOrderRequest } from './confirm-purchase-order.request';

@ApiTags('purchase orders')
@ApiBearerAuth()
@Controller('v1/purchase-orders')
export class ConfirmPurchaseOrderController {
  constructor(
    private readonly orders: PurchaseOrderRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/confirmation')
  @HttpCode(200)
  @Roles('ops', 'supplier')
  @ApiOperation({
    summary: 'The supplier confirms its purchase order, maybe for less (PurchaseOrderConfirmed).',
    description: 'Only an issued order (422 otherwise); more than ordered is 422. The shortfall goes back into the next run.',
  })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async confirm(@Param() { id }: IdParam, @Body() body: ConfirmPurchaseOrderRequest, @CurrentPrincipal() caller: Principal): Promise<PurchaseOrderView> {
    await readableOrder(this.orders, id, caller);
    const input = { supplierReference: body.supplierReference, deliveryDate: parseUtcDateTime(body.deliveryDate), lines: body.lines ?? undefined };
    return toPurchaseOrderView(await this.orders.change(id, (s) => PurchaseOrder.confirm(s, input, this.clock.now())));
  }
}
