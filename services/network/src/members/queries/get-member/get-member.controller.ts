import { Controller, ForbiddenException, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { AuditEntry } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { MemberView, toMemberView } from '../../member.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetMemberController {
  constructor(private readonly repo: MemberRepository) {}

  @Get(':id')
  @Roles('ops', 'member')
  @ApiOperation({ summary: 'A member: ops read all, a member their own position and their downline.' })
  async get(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<MemberView> {
    return toMemberView(await this.repo.readable(id, caller));
  }

  @Get(':id/history')
  @Roles('ops', 'member')
  @ApiOperation({
    summary:
      'The audit trail of a position: registration, upgrade, status, sponsor changes, moves, transfers (ops, or the member).',
  })
  async history(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<AuditEntry[]> {
    // The audit trail names ops users and their reasons: the member and ops only, not the upline.
    if (!caller.roles.includes('ops') && caller.subject !== id) {
      throw new ForbiddenException('Only the member and ops may read a position’s history');
    }
    return (await this.repo.get(id)).history ?? [];
  }
}
