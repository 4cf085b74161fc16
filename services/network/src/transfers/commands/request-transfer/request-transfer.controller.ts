import { Body, Controller, ForbiddenException, Get, Param, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { MemberRepository } from '../../../members/member.repository';
import { Transfer } from '../../transfer.schema';
import { toTransferView, TransferView } from '../../transfer.view';
import { RequestTransferRequest } from './request-transfer.request';
import { RequestTransferService } from './request-transfer.service';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/members')
export class RequestTransferController {
  constructor(
    private readonly service: RequestTransferService,
    private readonly repo: MemberRepository,
    @InjectModel(Transfer.name) private readonly transfers: Model<Transfer>,
  ) {}

  @Post(':id/transfers')
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'Request moving a position to a new owner, for a reason the market’s compliance profile allows.',
    description:
      'The default profile refuses a sale (422, with why). Ops approves or rejects at /v1/transfers/:id/approve|reject.',
  })
  async request(
    @Param('id') id: string,
    @Body() body: RequestTransferRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TransferView> {
    return toTransferView(await this.service.request(id, body, caller));
  }

  @Get(':id/transfers')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'Transfer requests of a position (ops, or the member).' })
  async list(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<TransferView[]> {
    if (!caller.roles.includes('ops') && caller.subject !== id) {
      throw new ForbiddenException('Only the member and ops may read a position’s transfer requests');
    }
    await this.repo.get(id);
    const list = await this.transfers
      .find({ memberId: id })
      .sort({ requestedAt: -1 })
      .limit(100)
      .lean<Transfer[]>()
      .exec();
    return list.map(toTransferView);
  }
}
