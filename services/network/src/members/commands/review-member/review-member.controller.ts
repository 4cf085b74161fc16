import { Body, Controller, HttpCode, Param, Post, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@netdirect/runtime';
import { AuditEntry } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { MemberView, toMemberView } from '../../member.view';
import { ReviewMemberRequest } from './review-member.request';

@ApiTags('fraud review')
@ApiBearerAuth()
@Controller('v1/members')
export class ReviewMemberController {
  constructor(private readonly repo: MemberRepository) {}

  @Post(':id/review')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Decide a registration flagged for sharing the sponsor’s identity (ops).' })
  async review(
    @Param('id') id: string,
    @Body() body: ReviewMemberRequest,
    @CurrentPrincipal() caller: Principal,
  ): Promise<MemberView> {
    const member = await this.repo.get(id);
    if (member.review?.status !== 'pending')
      throw new UnprocessableEntityException('review: this member has no pending review');
    const at = new Date();
    const entry: AuditEntry = {
      at,
      action: 'review-decided',
      by: caller.subject,
      reason: body.note,
      details: { decision: body.decision },
    };
    const res = await this.repo.members
      .updateOne(
        { _id: id, 'review.status': 'pending' },
        {
          $set: {
            'review.status': body.decision,
            'review.decidedBy': caller.subject,
            'review.decidedAt': at,
            'review.note': body.note,
          },
          $push: { history: entry },
        },
      )
      .exec();
    if (res.matchedCount !== 1) throw new UnprocessableEntityException('review: decided meanwhile');
    return toMemberView(await this.repo.get(id));
  }
}
