import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { NetworkMember } from './network-member.schema';

class NetworkMemberView {
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: ['consumer', 'operator'] }) kind: 'consumer' | 'operator';
  @ApiProperty({ type: String, nullable: true }) sponsorId: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) depth: number;
  @ApiProperty({ type: [String], description: 'Sponsors, nearest first' }) uplinePath: string[];
  @ApiProperty() market: string;
  @ApiProperty({ type: String, format: 'date-time' }) joinedAt: Date;
  @ApiProperty({ description: 'Id of the MemberRegistered event this entry came from' }) registeredBy: string;
}

@ApiTags('network')
@Controller('v1/network-members')
export class GetNetworkMemberController {
  constructor(@InjectModel(NetworkMember.name) private readonly members: Model<NetworkMember>) {}

  @Get(':id')
  @Roles('ops', 'finance')
  @ApiOperation({ summary: "The commission service's view of a member and its upline (from network events)." })
  @ApiParam({ name: 'id', description: 'Member id', schema: { type: 'string', maxLength: 200 } })
  @ApiOkResponse({ type: NetworkMemberView })
  @ApiErrors(404)
  async get(@Param('id') id: string): Promise<NetworkMemberView> {
    const m = await this.members.findById(id).lean<NetworkMember>().exec();
    if (!m) throw new NotFoundException(`No member ${id} in the commission read model`);
    const { _id, ...rest } = m;
    return { memberId: _id, ...rest };
  }
}
