import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { MemberView, toMemberView } from '../../member.view';
import { ChangeStatusRequest } from './change-status.request';
import { ChangeStatusService } from './change-status.service';

class StatusChangeView {
  @ApiProperty({ type: MemberView }) member: MemberView;
  @ApiProperty({ description: 'Members whose upline path was rewritten by a termination' }) moved: number;
}

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
      'Terminating rolls the direct downline up to the sponsor and rewrites the upline paths of the whole moved subtree; each moved member gets MemberMoved.',
  })
  async change(
    @Param('id') id: string,
    @Body() body: ChangeStatusRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<StatusChangeView> {
    const result = await this.service.change(id, body, caller);
    return { member: toMemberView(result.member), moved: result.moved };
  }
}
