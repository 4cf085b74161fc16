import { ApiProperty } from '@nestjs/swagger';
import { MemberView } from '../../member.view';

/** One page of registrations waiting for a fraud-review decision. */
export class ReviewPageView {
  @ApiProperty({ type: MemberView, isArray: true }) items: MemberView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
