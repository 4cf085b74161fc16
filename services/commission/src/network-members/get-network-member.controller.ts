import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainError, Roles } from '@netdirect/runtime';
import { NetworkMembersRepository } from './network-members.repository';

class PositionOwnerView {
  @ApiProperty() partyId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) from: string;
  @ApiProperty({ type: String, nullable: true }) transferId: string | null;
}

class NetworkMemberView {
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: ['consumer', 'operator'] }) kind: 'consumer' | 'operator';
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) sponsorId: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) depth: number;
  @ApiProperty({ type: [String], description: 'Sponsors, nearest first' }) uplinePath: string[];
  @ApiProperty() market: string;
  @ApiProperty({ type: String, format: 'date-time' }) joinedAt: Date;
  @ApiProperty({ description: 'Id of the MemberRegistered event this entry came from' }) registeredBy: string;
  @ApiProperty({ type: [PositionOwnerView], description: 'Owners of the position, oldest first' }) owners: PositionOwnerView[];
}

@ApiTags('network')
@Controller('v1/network-members')
export class GetNetworkMemberController {
  constructor(private readonly members: NetworkMembersRepository) {}

  @Get(':id')
  @Roles('ops', 'finance')
  @ApiOperation({ summary: "The commission service's view of a member, its upline and its owners (from network events)." })
  @ApiParam({ name: 'id', description: 'Member id', schema: { type: 'string', maxLength: 200 } })
  @ApiOkResponse({ type: NetworkMemberView })
  @ApiErrors(404)
  async get(@Param('id') id: string): Promise<NetworkMemberView> {
    const m = await this.members.find(id);
    if (!m) throw DomainError.notFound(`No member ${id} in the commission read model`);
    const { _id, updatedAt: _, ...rest } = m;
    return { memberId: _id, ...rest };
  }
}
