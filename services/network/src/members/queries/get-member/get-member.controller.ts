import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { MemberRepository } from '../../member.repository';
import { MemberView, toMemberView } from '../../member.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetMemberController {
  constructor(private readonly repo: MemberRepository) {}

  @Get(':id')
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'A member: ops read all, a member their own position and their downline.',
    description: 'Any other position is 403 for a member, also one that does not exist, so ids cannot be probed.',
  })
  @ApiOkResponse({ type: MemberView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<MemberView> {
    return toMemberView((await this.repo.readable(id, caller)).state);
  }
}
