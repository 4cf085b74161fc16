import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { MemberView, toMemberView } from '../../member.view';
import { ReviewMemberRequest } from './review-member.request';
import { ReviewMemberService } from './review-member.service';

@ApiTags('fraud review')
@ApiBearerAuth()
@Controller('v1/members')
export class ReviewMemberController {
  constructor(private readonly service: ReviewMemberService) {}

  @Post(':id/review')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Decide a registration flagged for sharing the sponsor’s identity (ops).',
    description: '422 when the member has no pending review; 409 when it was decided meanwhile.',
  })
  @ApiOkResponse({ type: MemberView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async review(
    @Param() { id }: IdParam,
    @Body() body: ReviewMemberRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<MemberView> {
    return toMemberView(await this.service.decide(id, body, caller));
  }
}
