import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@netdirect/runtime';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Member } from '../../member.schema';
import { MemberRepository } from '../../member.repository';
import { MemberView, toMemberView } from '../../member.view';

class ReviewQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  cursor?: string;
}

class ReviewPageView {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

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
  async list(@Query() query: ReviewQuery): Promise<ReviewPageView> {
    const filter: Record<string, unknown> = { 'review.status': 'pending' };
    if (query.cursor) filter._id = { $gt: query.cursor };
    const page = await this.repo.members
      .find(filter)
      .sort({ _id: 1 })
      .limit(PAGE + 1)
      .lean<Member[]>()
      .exec();
    const items = page.slice(0, PAGE).map(toMemberView);
    return { items, nextCursor: page.length > PAGE ? items[items.length - 1].id : null };
  }
}
