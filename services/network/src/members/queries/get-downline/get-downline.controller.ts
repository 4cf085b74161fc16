import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { MemberRepository } from '../../member.repository';
import { toDownlineView } from '../../member.view';
import { DownlineQuery } from './get-downline.query';
import { DownlinePageView } from './get-downline.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetDownlineController {
  constructor(private readonly repo: MemberRepository) {}

  @Get(':id/downline')
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'The downline, one level or all, in pages ordered by member id (cursor pagination).',
  })
  @ApiOkResponse({ type: DownlinePageView })
  @ApiErrors(400, 401, 403, 404)
  async downline(
    @Param() { id }: IdParam,
    @Query() query: DownlineQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<DownlinePageView> {
    const root = await this.repo.readable(id, caller);
    const page = await this.repo.downlinePage(root, {
      level: query.level,
      after: query.cursor,
      limit: query.limit ?? 100,
    });
    const items = page.items.map((m) => toDownlineView(m, root.state.depth));
    return { items, nextCursor: page.more ? items[items.length - 1].id : null };
  }
}
