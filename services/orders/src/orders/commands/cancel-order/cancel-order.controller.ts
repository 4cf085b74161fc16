import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal } from '@netdirect/runtime';
import { assertCanRead } from '../../order-access';
import { OrderProcess } from '../../order-process.service';
import { OrderView, toOrderView } from '../../order.view';
import { OrderIdParam } from '../../queries/get-order/get-order.controller';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class CancelOrderController {
  constructor(private readonly process: OrderProcess) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an order before shipment (OrderCancelled): the buyer its own (buyer-request), ops any (ops).',
    description: 'Catalog releases the stock; a paid order is owed back in full (refundDue). 422 once shipped, rejected or cancelled.',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiErrors(404, 409, 422)
  async cancel(@Param() { id }: OrderIdParam, @CurrentPrincipal() caller: Principal): Promise<OrderView> {
    const ops = caller.roles.includes('ops');
    const state = await this.process.onRequest(id, (o, now) => {
      try {
        assertCanRead(caller, o.state);
      } catch (e) {
        return e as DomainError;
      }
      return o.cancel(ops ? 'ops' : 'buyer-request', caller.subject, now);
    });
    return toOrderView(state);
  }
}
