import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { toMemberView } from '../../member.view';
import { ChangeSponsorRequest } from './change-sponsor.request';
import { ChangeSponsorService } from './change-sponsor.service';
import { SponsorChangeView } from './change-sponsor.view';

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
      'Outside the window, for an unknown, inactive or consumer sponsor, or when the new sponsor is the member itself or in its own downline (a cycle), the answer is 422. Audited with who and why; MemberSponsorChanged, and MemberMoved for each member below.',
  })
  @ApiOkResponse({ type: SponsorChangeView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async change(
    @Param() { id }: IdParam,
    @Body() body: ChangeSponsorRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<SponsorChangeView> {
    const result = await this.service.change(id, body, caller);
    return { member: toMemberView(result.member), moved: result.moved };
  }
}
