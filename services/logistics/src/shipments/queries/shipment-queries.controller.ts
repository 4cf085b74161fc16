import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IsUUID } from 'class-validator';
import { assertMaySee, providerFilter } from '../../common/access';
import { ShipmentRepository } from '../shipment.repository';
import { ShipmentListView, ShipmentView, toShipmentView } from '../shipment.view';
import { ListShipmentsQuery } from './list-shipments.query';

class ShipmentIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('v1/shipments')
export class ShipmentQueriesController {
  constructor(private readonly shipments: ShipmentRepository) {}

  @Get()
  @Roles('ops', 'logistics-provider')
  @ApiOperation({ summary: 'Shipments by order, provider and status, in id order; a provider sees only its own.' })
  @ApiOkResponse({ type: ShipmentListView })
  async list(@Query() q: ListShipmentsQuery, @CurrentPrincipal() caller: Principal): Promise<ShipmentListView> {
    const providerId = providerFilter(caller, q.providerId);
    const limit = q.limit ?? 50;
    const page = await this.shipments.list({ orderId: q.orderId, providerId, status: q.status }, q.cursor, limit + 1);
    const items = page.slice(0, limit);
    return { items: items.map(toShipmentView), nextCursor: page.length > limit ? items[items.length - 1]._id : null };
  }

  @Get(':id')
  @Roles('ops', 'logistics-provider')
  @ApiOperation({ summary: 'One shipment with its routing decisions, tracking history and refused reports; a provider reads only its own (403).' })
  @ApiOkResponse({ type: ShipmentView })
  @ApiErrors(404)
  async get(@Param() { id }: ShipmentIdParam, @CurrentPrincipal() caller: Principal): Promise<ShipmentView> {
    const s = await this.shipments.find(id);
    assertMaySee(caller, s?.providerId ?? null);
    if (!s) return toShipmentView(await this.shipments.get(id));
    return toShipmentView(s);
  }
}
