import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainError, Roles } from '@netdirect/runtime';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OrderProcess } from '../../../orders/order-process.service';
import { RefundRequestsRepository } from '../../../refunds/refund-requests.repository';
import { RefundRequestListView, RefundRequestView, toRefundRequestView } from '../../payment.view';

export class RefundsQuery {
  @ApiPropertyOptional({ maxLength: 63, description: 'Only this provider' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  providerId?: string;

  @ApiPropertyOptional({ enum: ['requested', 'failed'] })
  @IsOptional()
  @IsIn(['requested', 'failed'])
  status?: 'requested' | 'failed';
}

export class RefundIdParam {
  @ApiProperty({ minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  id: string;
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/payments/refunds')
export class RefundsController {
  constructor(
    private readonly requests: RefundRequestsRepository,
    private readonly process: OrderProcess,
  ) {}

  @Get()
  @Roles('ops')
  @ApiOperation({
    summary: 'Open refunds, oldest first: requested of their provider (which answers refund.succeeded or refund.failed), or failed.',
  })
  @ApiOkResponse({ type: RefundRequestListView })
  @ApiErrors()
  async list(@Query() q: RefundsQuery): Promise<RefundRequestListView> {
    return { items: (await this.requests.open(q, 500)).map(toRefundRequestView) };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Ask the provider again for a refund it failed.', description: '404 for an unknown refund, 422 unless it failed.' })
  @ApiOkResponse({ type: RefundRequestView })
  @ApiErrors(404, 409, 422)
  async retry(@Param() { id }: RefundIdParam): Promise<RefundRequestView> {
    const request = await this.requests.find(id);
    if (!request) throw DomainError.notFound(`No open refund ${id}`);
    await this.process.onRequest(request.orderId, (o, now) => o.retryRefund(id, now));
    const after = await this.requests.find(id);
    return toRefundRequestView(after ?? request);
  }
}
