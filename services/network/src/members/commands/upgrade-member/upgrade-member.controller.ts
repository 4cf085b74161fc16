import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { MemberView, toMemberView } from '../../member.view';
import { UpgradeMemberRequest } from './upgrade-member.request';
import { UpgradeMemberService } from './upgrade-member.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class UpgradeMemberController {
  constructor(private readonly service: UpgradeMemberService) {}

  @Post(':id/upgrade')
  @HttpCode(200)
  @Roles('member')
  @ApiOperation({
    summary: 'A consumer becomes an operator by accepting the operator terms (no fee, no purchase).',
  })
  async upgrade(
    @Param('id') id: string,
    @Body() body: UpgradeMemberRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<MemberView> {
    return toMemberView(await this.service.upgrade(id, body, caller));
  }
}
