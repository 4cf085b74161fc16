import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { MemberRepository } from '../../member.repository';

class UplineEntryView {
  @ApiProperty() memberId: string;
  @ApiProperty({ description: '1 = the sponsor, 2 = the sponsor’s sponsor, …' }) level: number;
  @ApiProperty() depth: number;
}

class UplineView {
  @ApiProperty() memberId: string;
  @ApiProperty({ type: [UplineEntryView], description: 'Nearest first' }) upline: UplineEntryView[];
}

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetUplineController {
  constructor(private readonly repo: MemberRepository) {}

  /** One read of one document: the path is stored with the member. */
  @Get(':id/upline')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'The upline, nearest first (one indexed read).' })
  async upline(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<UplineView> {
    const member = await this.repo.readable(id, caller);
    return {
      memberId: member._id,
      upline: member.uplinePath.map((memberId, i) => ({
        memberId,
        level: i + 1,
        depth: member.depth - 1 - i,
      })),
    };
  }
}
