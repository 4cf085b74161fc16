import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { MemberView, toMemberView } from '../../member.view';
import { ChangeSponsorRequest } from './change-sponsor.request';
import { ChangeSponsorService } from './change-sponsor.service';

class SponsorChangeView {
  @ApiProperty({ type: MemberView }) member: MemberView;
  @ApiProperty({ description: 'Members below whose upline path was rewritten' }) moved: number;
}

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class ChangeSponsorController {
  constructor(private readonly service: ChangeSponsorService) {}

  @Post(':id/sponsor')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: "Change a member's sponsor (ops), within NETWORK_SPONSOR_CHANGE_WINDOW_DAYS of joining.",
    description:
      'Outside the window, or when the new sponsor is in the member’s own downline (a cycle), the answer is 422. Audited with who and why.',
  })
  async change(
    @Param('id') id: string,
    @Body() body: ChangeSponsorRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<SponsorChangeView> {
    const result = await this.service.change(id, body, caller);
    return { member: toMemberView(result.member), moved: result.moved };
  }
}
