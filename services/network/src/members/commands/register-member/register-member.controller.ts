import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { MemberView, toMemberView } from '../../member.view';
import { RegisterMemberRequest } from './register-member.request';
import { RegisterMemberService } from './register-member.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('v1/members')
export class RegisterMemberController {
  constructor(private readonly service: RegisterMemberService) {}

  @Post()
  @Roles('ops', 'member')
  @ApiOperation({
    summary: 'Register a consumer or operator with a sponsor referral code (ops: or as a root).',
    description:
      'An unknown or inactive code is 422; a root without a code is for ops only (403). A registrant who shares the sponsor’s own email, phone or payment fingerprint is refused (422) or registered and flagged for review, as NETWORK_SELF_REFERRAL says. Records MemberRegistered (with an operator’s own referral code and the owner’s party id).',
  })
  @ApiCreatedResponse({ type: MemberView, description: 'The new member' })
  @ApiErrors(400, 401, 403, 413, 415, 422)
  async register(@Body() body: RegisterMemberRequest, @CurrentPrincipal() caller: Principal): Promise<MemberView> {
    return toMemberView(await this.service.register(body, caller));
  }
}
