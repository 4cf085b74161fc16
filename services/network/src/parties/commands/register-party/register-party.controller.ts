import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { PartyView, toPartyView } from '../../party.view';
import { RegisterPartyRequest } from './register-party.request';
import { RegisterPartyService } from './register-party.service';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('v1/parties')
export class RegisterPartyController {
  constructor(private readonly service: RegisterPartyService) {}

  @Post()
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'Register a person or legal entity that may receive a position (an heir, a company).',
  })
  @ApiCreatedResponse({ type: PartyView })
  @ApiErrors(400, 401, 403, 413, 415)
  async register(@Body() body: RegisterPartyRequest, @CurrentPrincipal() caller: Principal): Promise<PartyView> {
    return toPartyView((await this.service.register(body, caller)).state);
  }
}
