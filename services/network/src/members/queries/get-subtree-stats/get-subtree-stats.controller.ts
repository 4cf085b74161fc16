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
    // Counting by kind is a $group that both stores run; the deepest member is a sorted
    // read of one document, since FerretDB v1 has no $max accumulator.
    const [byKind, deepest] = await Promise.all([
      this.repo.members
        .aggregate<{
          _id: string;
          n: number;
        }>([{ $match: { uplinePath: root._id } }, { $group: { _id: '$kind', n: { $sum: 1 } } }])
        .exec(),
      this.repo.members
        .find({ uplinePath: root._id }, { depth: 1 })
        .sort({ depth: -1 })
        .limit(1)
        .lean<{ depth: number }[]>()
        .exec(),
    ]);
    const count = (kind: string) => byKind.find((g) => g._id === kind)?.n ?? 0;
    const operators = count('operator') + (root.kind === 'operator' ? 1 : 0);
    const consumers = count('consumer') + (root.kind === 'consumer' ? 1 : 0);
    return {
      memberId: root._id,
      size: operators + consumers,
      operators,
      consumers,
      depth: deepest.length ? deepest[0].depth - root.depth : 0,
    };
  }
}
