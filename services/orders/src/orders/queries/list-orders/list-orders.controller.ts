import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal } from '@netdirect/runtime';
import { OrderRepository } from '../../order.repository';
import { OrderPageView, SoldOrderPageView, toOrderSummaryView, toSoldOrderView } from '../../order.view';
import { ListOrdersQuery, ListSoldOrdersQuery } from './list-orders.query';

const cursorOf = (before: number | null) => (before === null ? null : String(before));

function assertSelfOrOps(caller: Principal, memberId: string): void {
  if (!caller.roles.includes('ops') && caller.subject !== memberId) throw DomainError.forbidden('A member sees only its own orders');
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class ListOrdersController {
  constructor(private readonly orders: OrderRepository) {}

  @Get('v1/orders')
  @ApiOperation({
    summary: "A buyer's orders, newest first, maybe of one status; a page at a time by cursor.",
    description:
      'Read by unique keys (a number per buyer), never by scanning: as fast with a million orders as with ten. ' +
      'With a status, a page may come back short with a cursor to go on (each request looks at 1,000 orders at most).',
  })
  @ApiOkResponse({ type: OrderPageView })
  @ApiErrors()
  async list(@Query() q: ListOrdersQuery, @CurrentPrincipal() caller: Principal): Promise<OrderPageView> {
    assertSelfOrOps(caller, q.buyerId);
    const page = await this.orders.page('buyer', q.buyerId, q.cursor ? Number(q.cursor) : undefined, q.limit ?? 20, q.status);
    return { items: page.items.map(toOrderSummaryView), nextCursor: cursorOf(page.nextBefore) };
  }

  @Get('v1/sold-orders')
  @ApiOperation({ summary: 'The orders a member is the seller of (referring operator), newest first, without buyer identity or address.' })
  @ApiOkResponse({ type: SoldOrderPageView })
  @ApiErrors()
  async sold(@Query() q: ListSoldOrdersQuery, @CurrentPrincipal() caller: Principal): Promise<SoldOrderPageView> {
    assertSelfOrOps(caller, q.sellerId);
    const page = await this.orders.page('seller', q.sellerId, q.cursor ? Number(q.cursor) : undefined, q.limit ?? 20);
    return { items: page.items.map(toSoldOrderView), nextCursor: cursorOf(page.nextBefore) };
  }
}
