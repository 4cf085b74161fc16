import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { NetworkMember } from './network-member.schema';

@ApiTags('network')
@ApiBearerAuth()
@Controller('v1/network-members')
export class GetNetworkMemberController {
  constructor(@InjectModel(NetworkMember.name) private readonly members: Model<NetworkMember>) {}

  @Get(':id')
  @Roles('ops', 'finance')
  @ApiOperation({ summary: "The commission service's view of a member and its upline (from network events)." })
  async get(@Param('id') id: string) {
    const m = await this.members.findById(id).lean<NetworkMember>().exec();
    if (!m) throw new NotFoundException(`No member ${id} in the commission read model`);
    const { _id, ...rest } = m;
    return { memberId: _id, ...rest };
  }
}
