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
    // One pass over the subtree: count by kind and find the deepest level together.
    const byKind = await this.repo.members
      .aggregate<{ _id: string; n: number; deepest: number }>([
        { $match: { uplinePath: root._id } },
        { $group: { _id: '$kind', n: { $sum: 1 }, deepest: { $max: '$depth' } } },
      ])
      .exec();
    const deepest = Math.max(root.depth, ...byKind.map((g) => g.deepest));
    const count = (kind: string) => byKind.find((g) => g._id === kind)?.n ?? 0;
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
