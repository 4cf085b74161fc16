import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { Member } from '../../member';
import { MemberRepository } from '../../member.repository';
import { AuditEntryView, toAuditEntryView } from '../../member.view';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class GetHistoryController {
  constructor(private readonly repo: MemberRepository) {}

  @Get(':id/history')
  @Roles('ops', 'member')
  @ApiOperation({
    summary:
      'The audit trail of a position: registration, upgrade, status, sponsor changes, moves, transfers (ops, or the member).',
  })
  @ApiOkResponse({ type: AuditEntryView, isArray: true, description: 'Oldest first' })
  @ApiErrors(400, 401, 403, 404)
  async history(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<AuditEntryView[]> {
    if (!Member.historyReadableBy(id, caller))
      throw DomainError.forbidden('Only the member and ops may read a position’s history');
    return ((await this.repo.get(id)).state.history ?? []).map(toAuditEntryView);
  }
}
