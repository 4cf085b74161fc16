import { Controller, ForbiddenException, Get, NotFoundException, Param } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { Member } from '../../member.schema';
import { MemberView, toMemberView } from '../../member.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetMemberController {
  constructor(@InjectModel(Member.name) private readonly members: Model<Member>) {}

  @Get(':id')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'A member: ops read all, a member only their own position.' })
  async get(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<MemberView> {
    if (!caller.roles.includes('ops') && caller.subject !== id) {
      throw new ForbiddenException('A member may read only their own position');
    }
    const member = await this.members.findById(id).lean<Member>().exec();
    if (!member) throw new NotFoundException(`No member ${id}`);
    return toMemberView(member);
  }
}
