import { ApiProperty } from '@nestjs/swagger';
import { DownlineMemberView } from '../../member.view';

/** One page of a downline. */
export class DownlinePageView {
  @ApiProperty({ type: DownlineMemberView, isArray: true }) items: DownlineMemberView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}
