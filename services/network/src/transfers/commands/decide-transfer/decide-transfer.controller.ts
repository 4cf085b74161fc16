import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Transfer } from '../../transfer.schema';
import { toTransferView, TransferView } from '../../transfer.view';
import { DecideTransferRequest } from './decide-transfer.request';
import { DecideTransferService } from './decide-transfer.service';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/transfers')
export class DecideTransferController {
  constructor(
    private readonly service: DecideTransferService,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
  ) {}

  @Get(':id')
  @Roles('ops')
  @ApiOperation({ summary: 'A transfer request (ops).' })
  async get(@Param('id') id: string): Promise<TransferView> {
    const t = await this.transfers.findById(id).lean<Transfer>().exec();
    if (!t) throw new NotFoundException(`No transfer ${id}`);
    return toTransferView(t);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary:
      'Approve: the position passes to the new owner (identity-checked), audited; emits MemberPositionTransferred.',
  })
  async approve(
    @Param('id') id: string,
    @Body() body: DecideTransferRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransferView> {
    return toTransferView(await this.service.approve(id, body.note, caller));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Reject a transfer request, with a note.' })
  async reject(
    @Param('id') id: string,
    @Body() body: DecideTransferRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransferView> {
    return toTransferView(await this.service.reject(id, body.note, caller));
  }
}
