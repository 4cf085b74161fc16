import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { MemberRepository } from '../../member.repository';

class SubtreeStatsView {
  @ApiProperty() memberId: string;
  @ApiProperty({ description: 'Members in the subtree, the member included' }) size: number;
  @ApiProperty() operators: number;
  @ApiProperty() consumers: number;
  @ApiProperty({ description: 'Levels below the member (0 when it has no downline)' }) depth: number;
}

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetSubtreeStatsController {
  constructor(private readonly repo: MemberRepository) {}

  @Get(':id/subtree/stats')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'Size, operators, consumers and depth of the subtree below a member.' })
  async stats(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<SubtreeStatsView> {
    const root = await this.repo.readable(id, caller);
    // One pass over the subtree, streamed with only the two fields it needs and counted here:
    // an aggregation on the embedded store first loads the whole collection into its memory
    // (it ran out of a 3 GB heap at a million members); a projected cursor holds only matches.
    const byKind = new Map<string, number>();
    let deepest = root.depth;
    const cursor = this.repo.members.collection.find<{ kind: string; depth: number }>(
      { uplinePath: root._id },
      { projection: { _id: 0, kind: 1, depth: 1 }, batchSize: 5000 },
    );
    for await (const m of cursor) {
      byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
      if (m.depth > deepest) deepest = m.depth;
    }
    const count = (kind: string) => byKind.get(kind) ?? 0;
    const operators = count('operator') + (root.kind === 'operator' ? 1 : 0);
    const consumers = count('consumer') + (root.kind === 'consumer' ? 1 : 0);
    return {
      memberId: root._id,
      size: operators + consumers,
      operators,
      consumers,
      depth: deepest - root.depth,
    };
  }
}
