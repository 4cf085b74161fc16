import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainError, Roles } from '@netdirect/runtime';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ReservationRepository } from '../../reservation.repository';
import { ReservationView, toReservationView } from '../../reservation.view';

export class OrderIdParam {
  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  orderId: string;
}

@ApiTags('reservations')
@ApiBearerAuth()
@Controller('v1/reservations')
export class GetReservationController {
  constructor(private readonly repo: ReservationRepository) {}

  @Get(':orderId')
  @Roles('ops')
  @ApiOperation({ summary: "An order's stock reservation and where it stands." })
  @ApiOkResponse({ type: ReservationView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { orderId }: OrderIdParam): Promise<ReservationView> {
    const r = await this.repo.find(orderId);
    if (!r) throw DomainError.notFound(`No reservation for order ${orderId}`);
    return toReservationView(r.state);
  }
}
