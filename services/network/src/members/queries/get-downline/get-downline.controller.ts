import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { Member } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { DownlineMemberView, toDownlineView } from '../../member.view';
import { DownlineQuery } from './get-downline.query';

class DownlinePageView {
  @ApiProperty({ type: [DownlineMemberView] }) items: DownlineMemberView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}

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
  async downline(
    @Param('id') id: string,
    @Query() query: DownlineQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<DownlinePageView> {
    const root = await this.repo.readable(id, caller);
    const limit = query.limit ?? 100;
    const filter: Record<string, unknown> = { uplinePath: root._id };
    if (query.level !== undefined) filter.depth = root.depth + query.level;
    if (query.cursor) filter._id = { $gt: query.cursor };
    const page = await this.repo.members
      .find(filter, { _id: 1, kind: 1, status: 1, sponsorId: 1, depth: 1, joinedAt: 1 })
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<Member[]>()
      .exec();
    const items = page.slice(0, limit).map((m) => toDownlineView(m, root.depth));
    return { items, nextCursor: page.length > limit ? items[items.length - 1].id : null };
  }
}
