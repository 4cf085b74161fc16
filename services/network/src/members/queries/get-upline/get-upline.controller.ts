import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { MemberRepository } from '../../member.repository';
import { UplineView } from './get-upline.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetUplineController {
  constructor(private readonly repo: MemberRepository) {}

  /** One read of one document: the path is stored with the member. */
  @Get(':id/upline')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'The upline, nearest first (one indexed read).' })
  @ApiOkResponse({ type: UplineView })
  @ApiErrors(400, 401, 403, 404)
  async upline(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<UplineView> {
    const { state } = await this.repo.readable(id, caller);
    return {
      memberId: state._id,
      upline: state.uplinePath.map((memberId, i) => ({ memberId, level: i + 1, depth: state.depth - 1 - i })),
    };
  }
}
