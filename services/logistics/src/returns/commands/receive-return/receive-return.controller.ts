import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, DomainError, Roles } from '@netdirect/runtime';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Shipment } from '../../../shipments/shipment';
import { ShipmentRepository } from '../../../shipments/shipment.repository';
import { ShipmentView, toShipmentView } from '../../../shipments/shipment.view';
import { returnShipmentId } from '../../request-return-shipment.handler';
import { ReceiveReturnRequest } from './receive-return.request';

class ReturnIdParam {
  @ApiProperty({ minLength: 1, maxLength: 128, description: 'The return id from ReturnRequested' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  id: string;
}

@ApiTags('returns')
@ApiBearerAuth()
@Controller('v1/returns')
export class ReceiveReturnController {
  constructor(
    private readonly shipments: ShipmentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/receipt')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Record a return that arrived at the warehouse, as inspected (ops): ReturnShipmentReceived; catalog restocks the resellable units.',
    description: 'Once per return (again is 422); a SKU not in the return, or more units than it carried, is 422.',
  })
  @ApiOkResponse({ type: ShipmentView })
  @ApiErrors(404, 409, 422)
  async receive(@Param() { id }: ReturnIdParam, @Body() body: ReceiveReturnRequest): Promise<ShipmentView> {
    const shipmentId = returnShipmentId(id);
    for (let attempt = 0; attempt < 5; attempt++) {
      const s = await this.shipments.get(shipmentId);
      const change = Shipment.receive(s, body.lines, this.clock.now());
      if (change instanceof DomainError) throw change;
      if (await this.shipments.apply(change)) return toShipmentView(await this.shipments.get(shipmentId));
    }
    throw DomainError.conflict(`return ${id} kept changing; try again`);
  }
}
