import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsIdempotencyKey, ApiErrors, CurrentPrincipal, IdempotencyKey, Principal, Public, Roles } from '@netdirect/runtime';
import { GuestTokens } from '../../guest-token';
import { GuestOrderView, OrderView, toOrderView } from '../../order.view';
import { PlaceGuestOrderRequest, PlaceOrderRequest } from './place-order.request';
import { PlaceOrderService } from './place-order.service';

@ApiTags('orders')
@Controller()
export class PlaceOrderController {
  constructor(
    private readonly service: PlaceOrderService,
    private readonly guestTokens: GuestTokens,
  ) {}

  @Post('v1/orders')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('member')
  @ApiOperation({
    summary: 'Place an order as the calling member (OrderPlaced); catalog reserves its stock.',
    description:
      'An operator pays member price and has no seller; a consumer pays retail through the nearest active operator above it. ' +
      'Prices, BV and names come from the catalog; shipping and VAT from the market. 422 names the line and reason ' +
      '(unknown, retired or unpublished SKU, too many units), an unknown market, or an address outside it. ' +
      'With an Idempotency-Key, a retry answers the first order.',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: OrderView })
  @ApiErrors(409, 422)
  async place(@Body() body: PlaceOrderRequest, @CurrentPrincipal() caller: Principal, @IdempotencyKey() key?: string): Promise<OrderView> {
    return toOrderView(await this.service.placeForMember(caller.subject, body, key));
  }

  @Post('v1/guest-orders')
  @HttpCode(201)
  @Public()
  @ApiOperation({
    summary: "Place an order as a guest through an operator's referral code (OrderPlaced, buyerKind guest).",
    description:
      'No account: the answer carries an access token (header Order-Access-Token) for reading this order. Retail prices; ' +
      'the operator of the code is the seller. 422 for an unknown or inactive code, and as for members. ' +
      'With an Idempotency-Key, a retry answers the first order and the same token.',
  })
  @AcceptsIdempotencyKey()
  @ApiCreatedResponse({ type: GuestOrderView })
  @ApiErrors(409, 422)
  async placeAsGuest(@Body() body: PlaceGuestOrderRequest, @IdempotencyKey() key?: string): Promise<GuestOrderView> {
    const order = await this.service.placeForGuest(body, key);
    return { ...toOrderView(order), accessToken: this.guestTokens.issue(order._id) };
  }
}
