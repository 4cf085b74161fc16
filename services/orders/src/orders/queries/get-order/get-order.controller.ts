import { Controller, Get, Headers, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Public } from '@netdirect/runtime';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { GuestTokens } from '../../guest-token';
import { assertCanRead } from '../../order-access';
import { OrderRepository } from '../../order.repository';
import { OrderView, toOrderView } from '../../order.view';

export class OrderIdParam {
  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  id: string;
}

@ApiTags('orders')
@Controller()
export class GetOrderController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly guestTokens: GuestTokens,
  ) {}

  @Get('v1/orders/:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'An order with its transition history: the buyer its own, ops any (403 otherwise).' })
  @ApiOkResponse({ type: OrderView })
  @ApiErrors(404)
  async get(@Param() { id }: OrderIdParam, @CurrentPrincipal() caller: Principal): Promise<OrderView> {
    const order = await this.orders.find(id);
    const state = order?.state ?? null;
    assertCanRead(caller, state);
    return toOrderView(state);
  }

  @Get('v1/guest-orders/:id')
  @Public()
  @ApiHeader({ name: 'Order-Access-Token', required: true, description: 'The token from the answer to the guest order (403 without it or with another)' })
  @ApiOperation({ summary: "A guest's order, with the access token it was given." })
  @ApiOkResponse({ type: OrderView })
  @ApiErrors(403)
  async getAsGuest(@Param() { id }: OrderIdParam, @Headers('order-access-token') token?: string): Promise<OrderView> {
    if (!this.guestTokens.verify(id, token)) throw DomainError.forbidden('A valid Order-Access-Token for this order is required');
    const order = await this.orders.find(id);
    if (!order) throw DomainError.forbidden('A valid Order-Access-Token for this order is required');
    return toOrderView(order.state);
  }
}
