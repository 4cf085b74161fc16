import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
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
    description:
      'Only the member itself (403 for anyone else); 422 for an operator or a member who is not active. Records MemberUpgraded with the new referral code.',
  })
  @ApiOkResponse({ type: MemberView, description: 'The member, now an operator with a referral code' })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async upgrade(
    @Param() { id }: IdParam,
    @Body() body: UpgradeMemberRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<MemberView> {
    return toMemberView(await this.service.upgrade(id, body, caller));
  }
}
