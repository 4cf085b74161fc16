import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { MemberRepository } from '../../member.repository';
import { SubtreeStatsView } from './get-subtree-stats.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetSubtreeStatsController {
  constructor(private readonly repo: MemberRepository) {}

  @Get(':id/subtree/stats')
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'Size, operators, consumers, terminated positions and depth of the downline below a member.',
  })
  @ApiOkResponse({ type: SubtreeStatsView })
  @ApiErrors(400, 401, 403, 404)
  async stats(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<SubtreeStatsView> {
    const root = await this.repo.readable(id, caller);
    return { memberId: root.id, ...(await this.repo.subtreeStats(root)) };
  }
}
