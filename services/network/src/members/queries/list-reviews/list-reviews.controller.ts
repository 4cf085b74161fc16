import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@netdirect/runtime';
import { MemberRepository } from '../../member.repository';
import { toMemberView } from '../../member.view';
import { ReviewQuery } from './list-reviews.query';
import { ReviewPageView } from './list-reviews.view';

const PAGE = 100;

@ApiTags('fraud review')
@ApiBearerAuth()
@Controller('v1/reviews')
export class ListReviewsController {
  constructor(private readonly repo: MemberRepository) {}

  @Get()
  @Roles('ops')
  @ApiOperation({
    summary:
      'Registrations flagged for sharing the sponsor’s email, phone or payment fingerprint, pending a decision (ops).',
  })
  @ApiOkResponse({ type: ReviewPageView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ReviewQuery): Promise<ReviewPageView> {
    const page = await this.repo.pendingReviews(query.cursor, PAGE);
    const items = page.items.map(toMemberView);
    return { items, nextCursor: page.more ? items[items.length - 1].id : null };
  }
}
