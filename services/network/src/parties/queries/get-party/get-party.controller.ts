import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { PartyRepository } from '../../party.repository';
import { PartyView, toPartyView } from '../../party.view';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('v1/parties')
export class GetPartyController {
  constructor(private readonly repo: PartyRepository) {}

  @Get(':id')
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'A party (ops, or whoever registered it, or the party itself).',
    description: 'For anyone else 403, also for a party that does not exist, so ids cannot be probed.',
  })
  @ApiOkResponse({ type: PartyView })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() caller: Principal): Promise<PartyView> {
    const party = await this.repo.find(id);
    const mayRead = party ? party.mayBeReadBy(caller) : caller.roles.includes('ops') || caller.subject === id;
    if (!mayRead) throw DomainError.forbidden('Only ops, the party and whoever registered it may read a party');
    if (!party) throw DomainError.notFound(`No party ${id}`);
    return toPartyView(party.state);
  }
}
