import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { PartyView, toPartyView } from '../../party.view';
import { IdentityCheckRequest } from './record-identity-check.request';
import { RecordIdentityCheckService } from './record-identity-check.service';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('v1/parties')
export class RecordIdentityCheckController {
  constructor(private readonly service: RecordIdentityCheckService) {}

  @Post(':id/identity-check')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Record the outcome of an identity check of a party (ops).' })
  @ApiOkResponse({ type: PartyView })
  @ApiErrors(400, 401, 403, 404, 413, 415)
  async record(
    @Param() { id }: IdParam,
    @Body() body: IdentityCheckRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<PartyView> {
    return toPartyView((await this.service.record(id, body, caller)).state);
  }
}
