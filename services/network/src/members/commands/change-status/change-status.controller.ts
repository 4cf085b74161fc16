import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { toMemberView } from '../../member.view';
import { ChangeStatusRequest } from './change-status.request';
import { ChangeStatusService } from './change-status.service';
import { StatusChangeView } from './change-status.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class ChangeStatusController {
  constructor(private readonly service: ChangeStatusService) {}

  @Post(':id/status')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Suspend, reinstate or terminate a member (ops).',
    description:
      'A transition the status table does not allow is 422 (termination is final). Terminating rolls the direct downline up to the sponsor and rewrites the upline paths of the whole moved subtree; each moved member gets MemberMoved. 409 when the member changed meanwhile or another restructure runs.',
  })
  @ApiOkResponse({ type: StatusChangeView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async change(
    @Param() { id }: IdParam,
    @Body() body: ChangeStatusRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<StatusChangeView> {
    const result = await this.service.change(id, body, caller);
    return { member: toMemberView(result.member), moved: result.moved };
  }
}
