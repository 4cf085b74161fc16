import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsIdempotencyKey, ApiErrors, CurrentPrincipal, DomainError, IdempotencyKey, Principal, Public, Roles } from '@netdirect/runtime';
import { GuestTokens } from '../../guest-token';
import { OrderView, toOrderView } from '../../order.view';
import { OrderIdParam } from '../../queries/get-order/get-order.controller';
import { RequestReturnRequest } from './request-return.request';
import { RequestReturnService } from './request-return.service';

const NOT_YOURS = () => DomainError.forbidden('This order is not yours');

/** As for reading (order-access.ts): to anyone but ops an unknown order is 403, so ids cannot be probed. */
async function hidingUnknown<T>(hide: boolean, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (hide && e instanceof DomainError && e.kind === 'not-found') throw NOT_YOURS();
    throw e;
  }
}

@ApiTags('returns')
@Controller()
export class RequestReturnController {
  constructor(
    private readonly service: RequestReturnService,
    private readonly guestTokens: GuestTokens,
  ) {}

  @Post('v1/orders/:id/returns')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('member', 'ops')
  @ApiOperation({
    summary: 'Return units of a delivered order within its return window (ReturnRequested); logistics collects the parcel.',
    description:
      'The buyer its own order, ops any. The refund follows when the parcel is received: in full within the market\'s withdrawal period ' +
      '(with the outbound shipping when nothing of the order is kept), less the restocking fee after it. 422 names the line ' +
      '(unknown, more units than are left to return) or the status (not delivered, window over). With an Idempotency-Key, a retry answers the first return.',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: OrderView })
  @ApiErrors(404, 409, 422)
  async request(
    @Param() { id }: OrderIdParam,
    @Body() body: RequestReturnRequest,
    @CurrentPrincipal() caller: Principal,
    @IdempotencyKey() key?: string,
  ): Promise<OrderView> {
    const ops = caller.roles.includes('ops');
    const state = await hidingUnknown(!ops, this.service.request(id, body, caller.subject, false, (o) => (ops || o.buyerId === caller.subject ? null : NOT_YOURS()), key));
    return toOrderView(state);
  }

  @Post('v1/guest-orders/:id/returns')
  @HttpCode(201)
  @Public()
  @ApiHeader({ name: 'Order-Access-Token', required: true, description: 'The token from the answer to the guest order (403 without it or with another)' })
  @ApiOperation({ summary: "A guest returns units of its delivered order, with its access token (as a member's return)." })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: OrderView })
  @ApiErrors(403, 409, 422)
  async requestAsGuest(
    @Param() { id }: OrderIdParam,
    @Body() body: RequestReturnRequest,
    @Headers('order-access-token') token?: string,
    @IdempotencyKey() key?: string,
  ): Promise<OrderView> {
    if (!this.guestTokens.verify(id, token)) throw DomainError.forbidden('A valid Order-Access-Token for this order is required');
    return toOrderView(await hidingUnknown(true, this.service.request(id, body, 'guest', false, () => null, key)));
  }

  @Post('v1/orders/:id/buy-backs')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('member')
  @ApiOperation({
    summary: 'An operator sells back resellable, unsold units it bought (ReturnRequested with buyBack); logistics collects the parcel.',
    description:
      "Only the operator's own delivered or completed order, within the market's buy-back period after purchase (365 days unset). " +
      "When the parcel is received, its resellable units are refunded at the market's buy-back share (at least 90%) as an OrderRefunded " +
      'marked buyBack; units that cannot be sold again are not bought. With an Idempotency-Key, a retry answers the first buy-back.',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: OrderView })
  @ApiErrors(404, 409, 422)
  async buyBack(
    @Param() { id }: OrderIdParam,
    @Body() body: RequestReturnRequest,
    @CurrentPrincipal() caller: Principal,
    @IdempotencyKey() key?: string,
  ): Promise<OrderView> {
    const state = await hidingUnknown(true, this.service.request(id, body, caller.subject, true, (o) => (o.buyerId === caller.subject ? null : NOT_YOURS()), key));
    return toOrderView(state);
  }
}
