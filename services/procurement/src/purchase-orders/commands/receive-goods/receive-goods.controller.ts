import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, DomainError, Roles, SERVICE_SETTINGS } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { ProcurementSettings } from '../../../procurement.settings';
import { PurchaseOrder } from '../../purchase-order';
import { PurchaseOrderRepository } from '../../purchase-order.repository';
import { PurchaseOrderView, toPurchaseOrderView } from '../../purchase-order.view';
import { ReceiveGoodsRequest } from './receive-goods.request';

@ApiTags('purchase orders')
@ApiBearerAuth()
@Controller('v1/purchase-orders')
export class ReceiveGoodsController {
  constructor(
    private readonly orders: PurchaseOrderRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/receipts')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Book goods received for a confirmed purchase order (GoodsReceived with landed unit costs).',
    description:
      'A receipt id seen before books nothing and answers the order. More than the confirmed quantity plus PROCUREMENT_OVER_RECEIPT_TOLERANCE_BPS is 422 naming the line. The order closes when everything confirmed has arrived.',
  })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async receive(@Param() { id }: IdParam, @Body() body: ReceiveGoodsRequest): Promise<PurchaseOrderView> {
    const order = await this.orders.get(id);
    const lines: { skuId: string; quantity: number; landedUnitCost?: number }[] = [];
    for (const [i, l] of body.lines.entries()) {
      if (l.landedUnitCost && l.landedUnitCost.currency !== order.currency)
        throw DomainError.rule(`lines[${i}].landedUnitCost.currency`, `must be the order's currency ${order.currency}`);
      lines.push({ skuId: l.skuId, quantity: l.quantity, landedUnitCost: l.landedUnitCost?.amount });
    }
    const tolerance = this.settings.PROCUREMENT_OVER_RECEIPT_TOLERANCE_BPS;
    const at = this.clock.now();
    return toPurchaseOrderView(await this.orders.change(id, (s) => PurchaseOrder.receive(s, { receiptId: body.receiptId, lines }, tolerance, at)));
  }
}
